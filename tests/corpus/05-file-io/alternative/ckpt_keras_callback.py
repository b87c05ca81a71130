# Alternative: keras.callbacks.ModelCheckpoint during fit (one full batch per epoch), zero-padded file names, latest found by number.
# base: solution
import re


def train_with_checkpoints(model, x, y, directory, steps, every):
    saver = keras.callbacks.ModelCheckpoint(os.path.join(directory, "update-{epoch:05d}.weights.h5"),
                                            save_weights_only=True, save_freq=every)
    model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0, callbacks=[saver])


def restore_latest(model, directory):
    found = {}
    for name in os.listdir(directory):
        match = re.fullmatch(r"update-(\d+)\.weights\.h5", name)
        if match:
            found[int(match.group(1))] = name
    latest = max(found)
    model.load_weights(os.path.join(directory, found[latest]))
    return latest
