using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Covid
{
    /// <summary>What a run reports: the ELBO trace, the predictive log-likelihood of the held-out days, the NPI effects.</summary>
    public sealed record CovidResult(IReadOnlyList<double> Elbos, double Predictive, double[] EffectMean, double[] EffectSd, double MedianMs)
    {
        /// <summary>The mean ELBO of the last 10 iterations.</summary>
        public double FinalElbo => Elbos.Skip(Math.Max(0, Elbos.Count - 10)).Average();
    }

    /// <summary>
    /// Trains the covid model by VI, RWS or QEM, then forecasts the held-out days (Extend along Days from 100
    /// importance samples) and reads the NPI effects (CMAlpha) from the posterior moments.
    /// </summary>
    public static class CovidRun
    {
        public static CovidResult Run(string method, int k, int iterations, double lr, int splitChunk, CovidData data)
        {
            var split = ComputationStrategy.Split("Regions", splitChunk);
            // Q's log infections start at the observed log counts (the proposal's location per region and day).
            var start = (data.Obs + 1).log();
            int regions = (int)data.Regions, days = (int)data.Days, allDays = (int)data.AllDays;
            if (method == "qem")
            {
                var sizes = new CovidQemProblem.PlateSizes(Regions: regions, Days: days);
                var problem = new CovidQemProblem(sizes, new CovidQemProblem.Observations(data.Obs),
                    new CovidQemProblem.Inputs(data.NPIs, data.Wearing, data.Mobility));
                using (torch.no_grad()) problem.state_dict()["LogInfected.loc"].copy_(start);
                var (elbos, ms) = Training.Run(iterations, () =>
                {
                    using var scope = torch.NewDisposeScope();
                    using var s = problem.Sample(k, reparam: false);
                    double value = s.ElboNoGrad(split).item<float>();
                    s.UpdateQemParams(lr, split);
                    return value;
                });
                using var final = problem.Sample(k, reparam: false);
                var moments = final.Moments(split);
                var extended = final.ImportanceSample(100, split).Extend(sizes with { Days = allDays },
                    new CovidQemProblem.Inputs(data.NPIsAll, data.WearingAll, data.MobilityAll));
                double predictive = extended.PredictiveLogLikelihood(new CovidQemProblem.Observations(data.ObsAll)).Obs.item<float>();
                return new CovidResult(elbos, predictive, Values(moments.CMAlpha.Mean), Values(moments.CMAlpha.Std), ms);
            }
            else
            {
                bool vi = method == "vi";
                var sizes = new CovidProblem.PlateSizes(Regions: regions, Days: days);
                var problem = new CovidProblem(sizes, new CovidProblem.Observations(data.Obs), new CovidProblem.Inputs(data.NPIs, data.Wearing, data.Mobility));
                using (torch.no_grad()) problem.state_dict()["LogInfected.loc"].copy_(start);
                var opt = torch.optim.Adam(problem.parameters(), lr: lr);
                var (elbos, ms) = Training.Run(iterations, () =>
                {
                    using var scope = torch.NewDisposeScope();
                    opt.zero_grad();
                    using var s = problem.Sample(k, reparam: vi);
                    var value = vi ? s.ElboVi(split) : s.ElboRws(split);
                    // VI ascends the ELBO; RWS descends ElboRws w.r.t. Q (its gradient there is minus the wake-Q update); P has no parameters.
                    (vi ? -value : value).backward();
                    opt.step();
                    return value.item<float>();
                });
                using var final = problem.Sample(k, reparam: false);
                var moments = final.Moments(split);
                var extended = final.ImportanceSample(100, split).Extend(sizes with { Days = allDays },
                    new CovidProblem.Inputs(data.NPIsAll, data.WearingAll, data.MobilityAll));
                double predictive = extended.PredictiveLogLikelihood(new CovidProblem.Observations(data.ObsAll)).Obs.item<float>();
                return new CovidResult(elbos, predictive, Values(moments.CMAlpha.Mean), Values(moments.CMAlpha.Std), ms);
            }
        }

        private static double[] Values(Tensor t) => t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }
}
