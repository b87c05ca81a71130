# Wrong: train_with_checkpoints saves once, after the last update, instead of after every `every`-th update.
# base: solution
# loses: checkpoints_restore_elsewhere
def train_with_checkpoints(model, x, y, directory, steps, every):
    step = tf.Variable(0, dtype=tf.int64)
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(model=model, step=step), directory,
                                         max_to_keep=None)
    for _ in range(steps):
        model.train_on_batch(x, y)
        step.assign_add(1)
    manager.save(checkpoint_number=int(step))
