using System;
using System.IO;
using System.Linq;
using Alan.Samples.Covid;
using NUnit.Framework;
using TorchSharp;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// The covid sample's model and runner on a slice of its data (8 regions, 20 training days, 6 held out),
    /// a few iterations at K = 2 per method: finite ELBOs, a finite predictive log-likelihood, nine NPI effects.
    /// </summary>
    public class TimeseriesCovidTests
    {
        private static CovidData Slice()
        {
            var data = CovidData.Load(Path.Combine(AppContext.BaseDirectory, "data"));
            const int regions = 8, days = 20, all = 26;
            TorchSharp.torch.Tensor R(TorchSharp.torch.Tensor t, int d) => t.narrow(0, 0, regions).narrow(1, 0, d);
            return new CovidData(R(data.Obs, days), R(data.NPIs, days), R(data.Wearing, days), R(data.Mobility, days),
                R(data.ObsAll, all), R(data.NPIsAll, all), R(data.WearingAll, all), R(data.MobilityAll, all));
        }

        [TestCase("vi")]
        [TestCase("rws")]
        [TestCase("qem")]
        public void RunsAndForecasts(string method)
        {
            torch.manual_seed(61);
            var r = CovidRun.Run(method, k: 2, iterations: 3, lr: method == "qem" ? 0.1 : 0.03, splitChunk: 4, Slice());
            Assert.That(r.Elbos.Count, Is.EqualTo(3));
            Assert.That(r.Elbos.All(double.IsFinite), Is.True, string.Join(", ", r.Elbos));
            Assert.That(double.IsFinite(r.Predictive), Is.True, $"predictive {r.Predictive}");
            Assert.That(r.EffectMean.Length, Is.EqualTo(9));
            Assert.That(r.EffectSd.All(s => s >= 0 && double.IsFinite(s)), Is.True);
        }
    }
}
