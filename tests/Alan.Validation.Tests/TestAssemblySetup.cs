using NUnit.Framework;
using TorchSharp;

namespace Alan.Validation.Tests
{
    /// <summary>
    /// One-time setup: the tensors of these models are small, and libtorch's intra-op thread pool only adds contention
    /// on a small shared machine, so the suite runs libtorch single-threaded (as the integration suite does). Fit times
    /// reported in docs/validation.md are measured this way.
    /// </summary>
    [SetUpFixture]
    public class TestAssemblySetup
    {
        [OneTimeSetUp]
        public void SingleThreaded() => torch.set_num_threads(1);
    }
}
