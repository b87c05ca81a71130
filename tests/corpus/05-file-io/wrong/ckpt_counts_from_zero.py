# Wrong: the loop index counts from 0, so checkpoints are taken after updates 1, every + 1, ... and labelled one too low.
# base: solution
# loses: checkpoints_restore_here, checkpoints_restore_elsewhere
def train_with_checkpoints(model, x, y, directory, steps, every):
    step = tf.Variable(0, dtype=tf.int64)
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(model=model, step=step), directory,
                                         max_to_keep=None)
    for i in range(steps):
        model.train_on_batch(x, y)
        if i % every == 0:
            step.assign(i)
            manager.save(checkpoint_number=i)
