using System;
using System.Globalization;
using System.IO;
using Alan.Samples.Covid;
using TorchSharp;

// The covid NPI model (92 regions, 109 training days, a timeseries of log infections per region), trained by VI,
// RWS or QEM; then the predictive log-likelihood of the 28 held-out days (Extend along Days: forecasting) and the
// posterior effect of each intervention.
var o = Options.Parse(args);
torch.manual_seed(o.Seed);
var data = CovidData.Load(Path.Combine(AppContext.BaseDirectory, "data"));
Console.WriteLine($"covid: {data.Regions} regions, {data.Days} training days, {data.AllDays - data.Days} held out; " +
                  $"method {o.Method}, K = {o.K}, {o.Iterations} iterations, lr {o.Lr}, Split(\"Regions\", {o.Split})");
var r = CovidRun.Run(o.Method, o.K, o.Iterations, o.Lr, o.Split, data);

Console.WriteLine();
Console.WriteLine("Posterior effect of each NPI on daily growth (CMAlpha):");
Console.WriteLine("  NPI     mean       sd");
for (int i = 0; i < r.EffectMean.Length; i++) Console.WriteLine($"  {i + 1,3}  {r.EffectMean[i],7:F3}  {r.EffectSd[i],7:F3}");
Console.WriteLine();
Console.WriteLine($"predictive log-likelihood of the {data.AllDays - data.Days} held-out days: {r.Predictive:F1}");
if (o.Plot is string path)
{
    Plot.Write(path, o.Method, r.Elbos, r.Predictive);
    Console.WriteLine($"plot: {path}");
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"result: model=covid method={o.Method} K={o.K} iterations={o.Iterations} elbo={r.FinalElbo:F1} predictive_ll={r.Predictive:F1} ms_per_iteration={r.MedianMs:F0}"));
