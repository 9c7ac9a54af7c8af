using System.Collections.Generic;

namespace Alan.Bench
{
    /// <summary>
    /// The original alan library's figures for the same models, data, K and method, for the ratio column. Provenance:
    /// measured by hand before the timing script existed, on this machine type (2 cores, no GPU), original alan with torch 1.13 CPU,
    /// median ms per iteration and peak RSS (0 where no peak was recorded); all other figures by
    /// <c>bench/original/time_original.py</c> (one torch thread). They are not re-measured by this program:
    /// a ratio compares runs made at different times, so take it as orientation (the machine's load varies).
    /// </summary>
    public static class Reference
    {
        /// <param name="OneThread">
        /// Measured with one torch thread (OMP_NUM_THREADS=1) by <c>bench/original/time_original.py</c>; this program's
        /// runs use two, so the ratio overstates the speed-up (side by side at one thread: see docs/benchmarks.md).
        /// </param>
        public sealed record Figure(double Ms, double PeakMB, bool OneThread = false);

        private static readonly Dictionary<(string Model, string Method, int K), Figure> Figures = new()
        {
            [("radon", "VI", 3)] = new(40.9, 0),
            [("radon", "VI", 10)] = new(610, 0),
            [("radon", "VI", 30)] = new(94_400, 15_700),
            [("bus", "VI", 10)] = new(39.3, 0),
            [("bus", "VI", 30)] = new(112.8, 373),
            [("bus", "RWS", 30)] = new(63.9, 344),
            [("chimpanzees", "QEM", 10)] = new(24.2, 308),
            [("movielens", "VI", 10)] = new(2_012, 916),
            // bench/original/time_original.py, 2026-12-04, one torch thread, idle machine (QEM includes elbo_nograd, as the
            // original's runner; Alan.Compiled's returns the ELBO from UpdateQemParams).
            [("chimpanzees", "VI", 3)] = new(18.6, 277, OneThread: true),
            [("chimpanzees", "RWS", 3)] = new(25.1, 277, OneThread: true),
            [("chimpanzees", "QEM", 3)] = new(10.9, 277, OneThread: true),
            [("chimpanzees", "VI", 10)] = new(83.2, 308, OneThread: true),
            [("chimpanzees", "RWS", 10)] = new(43.0, 299, OneThread: true),
            [("chimpanzees", "VI", 30)] = new(6_244, 621, OneThread: true),
            [("chimpanzees", "RWS", 30)] = new(4_124, 578, OneThread: true),
            [("chimpanzees", "QEM", 30)] = new(2_359, 584, OneThread: true),
            [("occupancy", "RWS", 3)] = new(233.9, 313, OneThread: true),
            [("occupancy", "RWS", 10)] = new(13_186, 852, OneThread: true),
            [("occupancy", "QEM", 3)] = new(87.3, 306, OneThread: true),
            [("occupancy", "QEM", 10)] = new(8_162, 676, OneThread: true),
            [("bus", "VI", 3)] = new(30.6, 278, OneThread: true),
            [("bus", "RWS", 3)] = new(25.6, 278, OneThread: true),
            [("bus", "RWS", 10)] = new(48.7, 283, OneThread: true),
            [("bus", "QEM", 3)] = new(28.8, 277, OneThread: true),
            [("bus", "QEM", 10)] = new(49.5, 280, OneThread: true),
            [("bus", "QEM", 30)] = new(239.7, 317, OneThread: true),
            // The same script, 2026-12-04 (a second run): radon and covid from the original's own data files, MovieLens
            // on synthetic data of the bench's shape; covid split 20 regions at a time (the original's configuration).
            [("radon", "RWS", 3)] = new(20.1, 277, OneThread: true),
            [("radon", "QEM", 3)] = new(24.8, 277, OneThread: true),
            [("radon", "RWS", 10)] = new(1_802, 584, OneThread: true),
            [("radon", "QEM", 10)] = new(1_283, 392, OneThread: true),
            [("radon", "RWS", 30)] = new(299_431, 9_670, OneThread: true),
            [("radon", "QEM", 30)] = new(179_952, 9_609, OneThread: true),
            [("movielens", "VI", 3)] = new(82.1, 286, OneThread: true),
            [("movielens", "RWS", 3)] = new(116.0, 280, OneThread: true),
            [("movielens", "QEM", 3)] = new(111.1, 279, OneThread: true),
            [("movielens", "RWS", 10)] = new(389.1, 524, OneThread: true),
            [("movielens", "QEM", 10)] = new(677.3, 463, OneThread: true),
            [("movielens", "VI", 30)] = new(106_009, 6_150, OneThread: true),
            [("movielens", "RWS", 30)] = new(55_964, 1_974, OneThread: true),
            [("movielens", "QEM", 30)] = new(39_253, 1_960, OneThread: true),
            // Covid re-measured 2026-12-08 by the same script, side by side with this bench on the idle machine (3 iterations,
            // split 20 regions at a time as the original's configuration); its times vary about 20% from run to run.
            [("covid", "VI", 3)] = new(250.9, 296, OneThread: true),
            [("covid", "RWS", 3)] = new(234.5, 294, OneThread: true),
            [("covid", "QEM", 3)] = new(154.9, 312, OneThread: true),
            [("covid", "VI", 10)] = new(2_723, 713, OneThread: true),
            [("covid", "RWS", 10)] = new(3_733, 718, OneThread: true),
            [("covid", "QEM", 10)] = new(11_444, 976, OneThread: true),
            // Occupancy at K = 30 (its Z factor: K^3 x 14,400 elements), two iterations each, alone on the machine.
            [("occupancy", "RWS", 30)] = new(504_537, 9_257, OneThread: true),
            [("occupancy", "QEM", 30)] = new(247_998, 9_252, OneThread: true),
        };

        public static Figure? Of(string model, string method, int k) =>
            Figures.TryGetValue((model, method, k), out var f) ? f : null;
    }
}
