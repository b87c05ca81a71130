# Wrong: canonical parses with a regex that reads one digit of the index, so "/GPU:12" becomes "/GPU:1".
# base: solution
# loses: canonical_drawn_spellings
def canonical(name: str) -> str:
    found = re.search(r"(cpu|gpu)(?::(\d))?", name, flags=re.IGNORECASE)
    if found is None:
        raise ValueError(f"{name!r} names no device type")
    return f"/{found.group(1).upper()}:{found.group(2) or 0}"
