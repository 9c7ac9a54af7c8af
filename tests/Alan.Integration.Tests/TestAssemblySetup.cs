using NUnit.Framework;
using TorchSharp;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// One-time setup for the integration suite. The tensors here are small, and libtorch's intra-op thread pool
    /// only adds contention on small CI machines (measured: a K = 300 evidence test went from ~2 s to ~50 s when the
    /// two cores were shared with other processes), so the suite runs libtorch single-threaded.
    /// </summary>
    [SetUpFixture]
    public class TestAssemblySetup
    {
        [OneTimeSetUp]
        public void SingleThreaded() => torch.set_num_threads(1);
    }
}
