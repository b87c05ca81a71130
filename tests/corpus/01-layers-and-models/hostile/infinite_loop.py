# Hostile: a cell that never ends, swallowing every exception (so the cell alarm cannot stop it).
# base: stub
while True:
    try:
        while True:
            pass
    except BaseException:
        continue
