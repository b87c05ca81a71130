# Hostile: installs a trace hook and an IPython input transformer, as a cheat that rewrites what runs would.
# base: stub
# status: graded
# flags: installs a trace hook (sys.settrace), installs an IPython input transformer
import sys

sys.settrace(lambda frame, event, arg: None)
get_ipython().input_transformers_post.append(lambda lines: lines)
