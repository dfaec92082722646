using MLCourse.CheckpointPrograms;

namespace MLCourse.Tests.ShippedCheckpoints;

/// <summary>
/// The checkpoint tests share one <see cref="SampleMeasures"/>: its judge is trained once (the same
/// <c>DigitJudge.Train(Datasets.MnistDigits())</c> the training programs use), not once per checkpoint.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ShippedCheckpointsCollection : ICollectionFixture<SampleMeasures>
{
    public const string Name = "shipped checkpoints";
}
