// Occupancy: the original alan's bird occupancy model (North American Breeding Bird Survey) on its seed-0 subsample,
// 12 birds x 6 years x 200 training sites x 5 replicate visits; 100 more sites are held out. Z (presence) is
// discrete: RWS and QEM only. Weather is the raw temperature, as in the original (see Model.cs).
// Defaults as in the original experiment: K = 30, 250 iterations, lr 0.1 for RWS (Adam) and QEM.
//   dotnet run -c Release --project samples/Alan.Samples.Occupancy -- --method qem --plot occupancy.png
using System.Collections.Generic;
using Alan;
using Alan.Samples.Common;
using Alan.Samples.Occupancy;

var defaults = new SampleDefaults("occupancy", new Dictionary<Method, double> { [Method.Rws] = 0.1, [Method.Qem] = 0.1 },
    UnsupportedReason: "its latent Z (presence, Bernoulli) is discrete and cannot be reparameterised, so VI does not apply; use --method rws or qem");
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = OccupancyData.Load();
    // Training sums Z per value (K^2 per bird, year and site), but backward sampling keeps Z's joint over its
    // particles and its parents' (K^3: at K = 30, 583M numbers on the 300 sites): above K = 10 the draws for the
    // held-out evaluation are made one bird at a time (the same draws, a fraction of the memory).
    var drawing = options.K > 10 ? ComputationStrategy.Split("Birds", 1) : null;
    SampleRunner.Run(options, data.Target(options.Method, drawing));
    return 0;
});
