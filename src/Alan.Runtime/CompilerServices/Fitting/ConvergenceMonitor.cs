using System;
using System.Collections.Generic;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>
    /// Decides when a stochastic ELBO has stopped improving, relative to its own noise: the mean of the last
    /// <see cref="Window"/> values is compared with the mean of the window before it, and the phase has converged when
    /// the improvement is below one standard error of that difference, sqrt(var_last / W + var_before / W), at two
    /// consecutive checks (a check every W / 2 iterations, from 2 W iterations on).
    /// </summary>
    internal sealed class ConvergenceMonitor
    {
        private readonly List<double> _values = new();
        private int _quietChecks;

        public ConvergenceMonitor(int window)
        {
            if (window < 2) throw new ArgumentOutOfRangeException(nameof(window), window, "The window needs at least 2 values.");
            Window = window;
        }

        /// <summary>Iterations per window.</summary>
        public int Window { get; }

        /// <summary>The mean of the last window (NaN before any value).</summary>
        public double RecentMean => Mean(Math.Max(0, _values.Count - Window), _values.Count);

        /// <summary>Records one ELBO; returns true when the phase has converged.</summary>
        public bool Add(double elbo)
        {
            _values.Add(elbo);
            int n = _values.Count;
            if (n < 2 * Window || (n - 2 * Window) % (Window / 2) != 0) return false;
            double last = Mean(n - Window, n), before = Mean(n - 2 * Window, n - Window);
            double standardError = Math.Sqrt((Variance(n - Window, n, last) + Variance(n - 2 * Window, n - Window, before)) / Window);
            _quietChecks = last - before < standardError ? _quietChecks + 1 : 0;
            return _quietChecks >= 2;
        }

        /// <summary>Starts a new phase (a lower learning rate): earlier values no longer count.</summary>
        public void Reset()
        {
            _values.Clear();
            _quietChecks = 0;
        }

        private double Mean(int from, int to)
        {
            if (to <= from) return double.NaN;
            double sum = 0;
            for (int i = from; i < to; i++) sum += _values[i];
            return sum / (to - from);
        }

        private double Variance(int from, int to, double mean)
        {
            double sum = 0;
            for (int i = from; i < to; i++) sum += (_values[i] - mean) * (_values[i] - mean);
            return sum / (to - from - 1);
        }
    }
}
