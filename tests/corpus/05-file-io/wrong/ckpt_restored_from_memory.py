# Wrong: restore_latest copies the weights and step from the training run's objects still in memory instead of reading the files.
# base: solution
# loses: checkpoints_restore_elsewhere
RUN = {}


def train_with_checkpoints(model, x, y, directory, steps, every):
    for step in range(1, steps + 1):
        model.train_on_batch(x, y)
        if step % every == 0:
            model.save_weights(os.path.join(directory, f"step-{step:04d}.weights.h5"))
            RUN.update(step=step, weights=model.get_weights())


def restore_latest(model, directory):
    model.set_weights(RUN["weights"])
    return RUN["step"]
