# Hostile: a cell that never ends, swallowing every exception (so the cell alarm cannot stop it).
# base: stub
# status: timed out
# reason: s limit during code cell
while True:
    try:
        while True:
            pass
    except BaseException:
        continue
