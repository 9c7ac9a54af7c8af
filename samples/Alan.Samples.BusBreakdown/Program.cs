// Bus breakdown: the original alan's bus_breakdown model (NYC school bus delays, NYC Open Data) on its seed-0
// subsample, 2 years x 3 boroughs x 150 training journeys; 150 more per (year, borough) are held out.
// Defaults as in the original experiment: K = 30, 250 iterations, lr 0.1 for VI (Adam), RWS (Adam) and QEM.
//   dotnet run -c Release --project samples/Alan.Samples.BusBreakdown -- --method qem --plot bus.png
using System.Collections.Generic;
using Alan.Samples.BusBreakdown;
using Alan.Samples.Common;

var defaults = new SampleDefaults("bus_breakdown", new Dictionary<Method, double> { [Method.Vi] = 0.1, [Method.Rws] = 0.1, [Method.Qem] = 0.1 });
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = BusData.Load();
    SampleRunner.Run(options, data.Target(options.Method));
    return 0;
});
