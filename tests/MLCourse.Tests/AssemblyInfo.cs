// TorchSharp has one global random generator and thread setting; tests that seed it (the CNN's
// reproducibility test) would race with tests that build modules at the same time. The notebook
// runs dominate the suite's time anyway, so test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
