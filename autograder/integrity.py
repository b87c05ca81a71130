"""The integrity report: what a person should look at, made in the trusted grader.

Two sources, never the sandbox's word about itself: a scan of the submitted source (the syntax
tree of every code cell, never executed) for code that reaches into the grader's or the
libraries' machinery, and what the grader saw from outside the sandbox (caps hit, peak memory
and processes from the cgroup, output volume). Flags are for a human; they never change points.
"""

from __future__ import annotations

import ast

from autograder.sandbox import GIB, MIB, Limits, Sandbox

# Modules whose attributes a notebook has no business replacing.
GUARDED = {"np", "numpy", "keras", "tf", "tensorflow", "builtins", "__builtins__", "sys", "IPython",
           "ops", "unittest", "pytest", "otter"}
CALLS = {
    "sys.settrace": "installs a trace hook (sys.settrace)",
    "sys.setprofile": "installs a profile hook (sys.setprofile)",
    "threading.settrace": "installs a trace hook (threading.settrace)",
    "threading.setprofile": "installs a profile hook (threading.setprofile)",
    "sys.addaudithook": "installs an audit hook (sys.addaudithook)",
    "sys._getframe": "walks the call stack (sys._getframe)",
    "inspect.currentframe": "walks the call stack (inspect.currentframe)",
    "inspect.stack": "walks the call stack (inspect.stack)",
    "gc.get_objects": "searches the interpreter's objects (gc.get_objects)",
    "gc.get_referrers": "searches the interpreter's objects (gc.get_referrers)",
    "os.fork": "starts processes (os.fork)",
    "os.forkpty": "starts processes (os.forkpty)",
    "os.system": "starts processes (os.system)",
    "os.popen": "starts processes (os.popen)",
    "pty.spawn": "starts processes (pty.spawn)",
    "os._exit": "ends its own process (os._exit)",
    "os.kill": "sends signals (os.kill)",
    "os.killpg": "sends signals (os.killpg)",
    "os.write": "writes to raw file descriptors (os.write)",
    "os.dup2": "rewires file descriptors (os.dup2)",
    "importlib.import_module": "imports modules by computed name (importlib)",
    "__import__": "imports modules by computed name (__import__)",
}
PREFIXES = {"os.exec": "starts processes (os.exec*)", "os.spawn": "starts processes (os.spawn*)",
            "os.posix_spawn": "starts processes (os.posix_spawn)"}
IMPORTS = {
    "subprocess": "starts processes (subprocess)",
    "multiprocessing": "starts processes (multiprocessing)",
    "socket": "opens network sockets (socket)",
    "ssl": "opens network sockets (ssl)",
    "urllib": "uses the network (urllib)",
    "http": "uses the network (http)",
    "requests": "uses the network (requests)",
    "ctypes": "calls C directly (ctypes)",
    "cffi": "calls C directly (cffi)",
}
ATTRIBUTES = {
    "meta_path": "changes the import system (sys.meta_path)",
    "path_hooks": "changes the import system (sys.path_hooks)",
    "input_transformers_cleanup": "installs an IPython input transformer",
    "input_transformers_post": "installs an IPython input transformer",
    "ast_transformers": "installs an IPython AST transformer",
    "register_magic_function": "registers an IPython magic",
}
READERS = {"open", "Path", "glob", "glob.glob", "os.listdir", "os.walk", "os.scandir",
           "os.open", "io.open", "pathlib.Path", "shutil.copy", "shutil.copytree"}
INSIDE = ("/sandbox", "/tmp", "./", "~")


def _dotted(node: ast.AST) -> str:
    """`a.b.c` for a Name/Attribute chain, else ""."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    if isinstance(node, ast.Call):      # e.g. get_ipython().events
        inner = _dotted(node.func)
        return ".".join([f"{inner}()", *reversed(parts)]) if inner else ""
    return ""


def _root(node: ast.AST) -> str:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def scan_source(cells: list[str]) -> list[str]:
    """Flags for the notebook's code, in first-seen order (cells that do not parse are skipped)."""
    found: dict[str, None] = {}
    for source in cells:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            for flag in _flags(node):
                found[flag] = None
    return list(found)


def _flags(node: ast.AST):
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and _root(target) in GUARDED:
                yield f"replaces library internals ({_dotted(target) or _root(target)})"
    elif isinstance(node, ast.Call):
        name = _dotted(node.func)
        if name in CALLS:
            yield CALLS[name]
        for prefix, flag in PREFIXES.items():
            if name.startswith(prefix):
                yield flag
        if name == "setattr" and node.args and _root(node.args[0]) in GUARDED:
            yield f"replaces library internals (setattr on {_dotted(node.args[0])})"
        if name.endswith("events.register"):
            yield "registers an IPython event hook"
        if name in READERS and node.args and isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str):
            path = node.args[0].value
            if (path.startswith("/") or path.startswith("..")) and not path.startswith(INSIDE):
                yield f"reads outside its work folder ({path[:40]})"
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                   else [node.module or ""])
        for module in modules:
            top = module.split(".")[0]
            if top in IMPORTS:
                yield IMPORTS[top]
    elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
        yield ATTRIBUTES[node.attr]


def observed(box: Sandbox, limits: Limits) -> list[str]:
    """What the grader saw from outside the sandbox that a person should look at."""
    flags = [f"ran into {cap}" for cap in box.caps]
    if box.overflow:
        flags.append(box.overflow_words())
    memory, pids = box.peaks.get("memory", 0), box.peaks.get("pids", 0)
    if memory >= 0.75 * limits.memory and not any("memory cap" in c for c in box.caps):
        flags.append(f"used {memory / GIB:.1f} GiB of memory (the cap is "
                     f"{limits.memory / GIB:g} GiB)")
    if pids >= 0.5 * limits.pids and not any("process" in c for c in box.caps):
        flags.append(f"ran {pids} processes and threads at once (the cap is {limits.pids})")
    if box.output_total > MIB:
        flags.append(f"printed {box.output_total / MIB:.0f} MiB")
    return flags
