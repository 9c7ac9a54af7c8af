using System;
using System.IO;
using Alan.CompilerServices.Memory;
using NUnit.Framework;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The control-group limit the memory guard reads, from /proc/self/cgroup and /proc/self/mountinfo texts pointing at
    /// a directory tree written here (cgroup v1's memory controller, and v2).
    /// </summary>
    public class CgroupMemoryTests
    {
        private string _root = "";

        [SetUp]
        public void MakeRoot() => _root = Directory.CreateTempSubdirectory("alan-cgroup-").FullName;

        [TearDown]
        public void RemoveRoot() => Directory.Delete(_root, recursive: true);

        private string Group(string relative, params (string File, string Text)[] files)
        {
            var dir = Path.Combine(_root, relative);
            Directory.CreateDirectory(dir);
            foreach (var (file, text) in files) File.WriteAllText(Path.Combine(dir, file), text);
            return dir;
        }

        [Test]
        public void CgroupV1LimitLessUsageNotCountingInactiveFileCache()
        {
            // The process's group is /runner/job (4 GiB limit, 3 GiB used of which 1 GiB inactive file cache): 2 GiB left;
            // its parent /runner sets no limit (v1 writes 2^63 rounded to a page).
            Group("memory", ("memory.limit_in_bytes", "9223372036854771712\n"), ("memory.usage_in_bytes", "100\n"));
            Group("memory/runner", ("memory.limit_in_bytes", "9223372036854771712\n"), ("memory.usage_in_bytes", "5000000000\n"));
            Group("memory/runner/job", ("memory.limit_in_bytes", $"{4L << 30}\n"), ("memory.usage_in_bytes", $"{3L << 30}\n"),
                ("memory.stat", $"cache 5\ntotal_inactive_file {1L << 30}\n"));
            var cgroup = new[] { "9:name=systemd:/", "4:memory:/runner/job", "0::/" };
            var mounts = new[] { $"34 30 0:31 / {_root}/memory rw,relatime - cgroup cgroup rw,memory" };
            Assert.That(CgroupMemoryProbe(cgroup, mounts), Is.EqualTo(2L << 30));
        }

        [Test]
        public void ALimitOnAParentGroupBindsItsChildren()
        {
            Group("unified", ("memory.max", "max\n"));
            Group("unified/ci", ("memory.max", $"{3L << 30}\n"), ("memory.current", $"{2L << 30}\n"));
            Group("unified/ci/step", ("memory.max", "max\n"), ("memory.current", $"{1L << 30}\n"), ("memory.stat", "anon 5\ninactive_file 0\n"));
            var cgroup = new[] { "0::/ci/step" };
            var mounts = new[] { $"35 30 0:32 / {_root}/unified rw,nosuid - cgroup2 cgroup2 rw" };
            Assert.That(CgroupMemoryProbe(cgroup, mounts), Is.EqualTo(1L << 30), "the parent's 3 GiB less its 2 GiB");
        }

        [Test]
        public void NoLimitAnywhereIsNull()
        {
            Group("unified", ("memory.current", "100\n"));
            Group("unified/a", ("memory.max", "max\n"), ("memory.current", "100\n"));
            Assert.That(CgroupMemoryProbe(new[] { "0::/a" }, new[] { $"35 30 0:32 / {_root}/unified rw - cgroup2 cgroup2 rw" }), Is.Null);
            Assert.That(CgroupMemoryProbe(new[] { "0::/a" }, Array.Empty<string>()), Is.Null, "no cgroup file system mounted");
        }

        [Test]
        public void AGroupOutsideTheMountedPartIsReadAtTheMountPoint()
        {
            // A container's cgroup namespace mounts its own group as the root: the group's path does not exist below it.
            Group("memory", ("memory.limit_in_bytes", $"{1L << 30}\n"), ("memory.usage_in_bytes", $"{256L << 20}\n"));
            var cgroup = new[] { "4:memory:/docker/abc" };
            var mounts = new[] { $"34 30 0:31 /docker/abc {_root}/memory ro - cgroup cgroup rw,memory" };
            Assert.That(CgroupMemoryProbe(cgroup, mounts), Is.EqualTo(768L << 20));
        }

        private static long? CgroupMemoryProbe(string[] cgroup, string[] mounts) => CgroupMemory.RoomBytes(cgroup, mounts);

        [TestCase("8G", 8L << 30)]
        [TestCase("1.5g", 3L << 29)]
        [TestCase("512M", 512L << 20)]
        [TestCase("100k", 100L << 10)]
        [TestCase("2000000000", 2000000000L)]
        public void BudgetSizes(string text, long bytes) => Assert.That(MemoryRoom.ParseBytes(text), Is.EqualTo(bytes));

        [TestCase("abc")]
        [TestCase("-1")]
        [TestCase("0")]
        [TestCase("0.1")]
        [TestCase("G")]
        [TestCase("1e400")]
        [TestCase("8X")]
        public void NotABudget(string text) => Assert.That(MemoryRoom.ParseBytes(text), Is.Null);

        [TestCase("abc")]
        [TestCase("-1")]
        public void AnUnreadableBudgetThrowsNamingTheVariableAndTheValue(string value)
        {
            var saved = Environment.GetEnvironmentVariable(MemoryGuard.BudgetVariable);
            try
            {
                Environment.SetEnvironmentVariable(MemoryGuard.BudgetVariable, value);
                var ex = Assert.Throws<InvalidOperationException>(() => MemoryRoom.Budget());
                Assert.That(ex!.Message, Does.Contain("ALAN_MEMORY_BUDGET").And.Contain($"'{value}'"));
            }
            finally
            {
                Environment.SetEnvironmentVariable(MemoryGuard.BudgetVariable, saved);
            }
        }
    }
}
