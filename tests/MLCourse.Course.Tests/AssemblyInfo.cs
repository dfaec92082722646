// Each notebook run starts its own kernel and pins TorchSharp to one thread; the notebook fixtures
// run notebooks as many at a time as there are cores, so test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
