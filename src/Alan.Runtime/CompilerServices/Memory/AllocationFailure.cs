using System.ComponentModel;
using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// Turns libtorch's allocator failures ("DefaultCPUAllocator: can't allocate memory", "CUDA out of memory"),
    /// which TorchSharp surfaces as an <see cref="System.Runtime.InteropServices.ExternalException"/> with a
    /// native stack trace, into an <see cref="InsufficientMemoryException"/> naming the call and K.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class AllocationFailure
    {
        /// <summary>True for a libtorch allocator failure (used as an exception filter: nothing is caught otherwise).</summary>
        public static bool Is(Exception e) =>
            e is not InsufficientMemoryException
            && e.Message is string m
            && (m.Contains("can't allocate memory") || m.Contains("CUDA out of memory") || m.Contains("DefaultCPUAllocator"));

        /// <summary>The clear exception for an allocator failure <paramref name="e"/> in <c>problem.operation</c> at K = <paramref name="k"/>.</summary>
        public static InsufficientMemoryException Wrap(Exception e, string problem, string operation, int k)
        {
            var bytes = Regex.Match(e.Message, @"allocate (\d+) bytes");
            string size = bytes.Success && double.TryParse(bytes.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b)
                ? $" (one tensor of {b / (1L << 30):0.#} GiB)"
                : "";
            return new InsufficientMemoryException(
                $"{problem}.{operation} with K = {k} ran out of memory{size}: the tensors grow as K^(particle dimensions of the largest factor) times the plate sizes. " +
                "Use a smaller K, or evaluate a large plate in chunks with ComputationStrategy.Split(\"Plate\", chunkSize). libtorch: " + FirstLine(e.Message),
                e);
        }

        private static string FirstLine(string s)
        {
            int i = s.IndexOf('\n');
            return (i < 0 ? s : s.Substring(0, i)).Trim();
        }
    }
}
