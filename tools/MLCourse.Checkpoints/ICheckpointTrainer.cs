using MLCourse.Persistence;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// One checkpoint's training program: trains its model from <see cref="TrainingContext.Seed"/>, measures
/// its samples (<see cref="SampleMeasures"/>) and saves it with <see cref="TrainingContext.Save"/>.
/// Found by reflection, so adding a trainer is adding a class.
/// </summary>
public interface ICheckpointTrainer
{
    /// <summary>The checkpoint's name, the first argument of the command (e.g. <c>conv-vae</c>).</summary>
    string Name { get; }

    /// <summary>One line for <c>list</c>.</summary>
    string Description { get; }

    /// <summary>Trains, measures and saves; returns the manifest entry written.</summary>
    CheckpointInfo Train(TrainingContext context);
}
