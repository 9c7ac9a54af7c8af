// A user-defined distribution in a model: Kumaraswamy(a, b) (Kumaraswamy.cs), written outside the runtime on its
// public authoring API, models the germination probabilities of seed lots in P and proposes them in Q. The data are
// drawn from P (seed 7): 8 lots of 30 seeds, 24 to train on, 6 held out. VI (pathwise gradients through the
// Kumaraswamy's reparameterised draws, the default) or RWS; QEM has no update for a user-defined distribution.
//   dotnet run -c Release --project samples/Alan.Samples.CustomDistribution -- --method vi --iterations 400
using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Samples.Common;
using Alan.Samples.CustomDistribution;

var defaults = new SampleDefaults("custom_distribution", new Dictionary<Method, double> { [Method.Vi] = 0.1, [Method.Rws] = 0.1 },
    K: 10, Iterations: 400, Method: Method.Vi,
    UnsupportedReason: "QEM updates exist only for the runtime's own exponential families; Kumaraswamy is user-defined");
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = new GerminationData(seed: 7);
    var summary = SampleRunner.Run(options, data.Target());

    Console.WriteLine();
    Console.WriteLine($"Truth (drawn from P): a = {data.TrueA:F3}, b = {data.TrueB:F3}");
    var posteriorTheta = summary.Where(r => r.Latent == "Theta").ToList();
    Console.WriteLine("  lot | germinated (train) | true theta | posterior mean ± sd");
    var train = data.Train.to_type(TorchSharp.torch.ScalarType.Float64).sum(1L).data<double>().ToArray();
    for (int lot = 0; lot < GerminationData.Lots; lot++)
    {
        var row = posteriorTheta.Count > lot ? posteriorTheta[lot] : null;
        string posterior = row is null ? "" : $"{row.Mean:F3} ± {row.Sd:F3}";
        Console.WriteLine($"  {lot,3} | {train[lot],10:F0} of {GerminationData.TrainSeeds} | {data.TrueTheta[lot],10:F3} | {posterior}");
    }
    return 0;
});
