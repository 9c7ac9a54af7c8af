// Covid: the original alan's NPI-effectiveness model (92 regions, 109 training days; log infections follow a random
// walk per region, a timeseries plate), trained by VI, RWS or QEM; then the predictive log-likelihood of the 28
// held-out days (Extend along Days: forecasting) and the posterior effect of each intervention (CMAlpha).
// K = 10 and 250 iterations as in the original's experiments; learning rate 0.1 for all three (Adam for VI/RWS; the original tried 0.1 and 0.01).
//   dotnet run -c Release --project samples/Alan.Samples.Covid -- --method vi --plot covid.png
using System.Collections.Generic;
using Alan.Samples.Common;
using Alan.Samples.Covid;

var defaults = new SampleDefaults("covid", new Dictionary<Method, double> { [Method.Vi] = 0.1, [Method.Rws] = 0.1, [Method.Qem] = 0.1 },
                                  K: 10, Method: Method.Vi);
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = CovidData.Load(options.DataDirectory ?? System.IO.Path.Combine(System.AppContext.BaseDirectory, "data"));
    SampleRunner.Run(options, Targets.For(data, options.Method));
    return 0;
});
