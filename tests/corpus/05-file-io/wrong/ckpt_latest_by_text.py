# Wrong: checkpoints are named step-N without zero padding and the latest is picked by sorting names as text (step-12 < step-9).
# base: solution
# loses: checkpoints_restore_elsewhere
def train_with_checkpoints(model, x, y, directory, steps, every):
    for step in range(1, steps + 1):
        model.train_on_batch(x, y)
        if step % every == 0:
            model.save_weights(os.path.join(directory, f"step-{step}.weights.h5"))


def restore_latest(model, directory):
    latest = sorted(glob.glob(os.path.join(directory, "step-*.weights.h5")))[-1]
    model.load_weights(latest)
    return int(os.path.basename(latest)[len("step-"):-len(".weights.h5")])
