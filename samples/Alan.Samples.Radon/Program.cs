// Radon: the original alan's two-level radon model (Gelman & Hill home radon survey) on its data, 4 states x
// 150 training zips; the other 150 zips per state are held out for the predictive log-likelihood.
// Defaults as in the original experiment: K = 30, 250 iterations, Adam lr 0.1 (VI), 0.3 (RWS); QEM lr 0.1.
//   dotnet run -c Release --project samples/Alan.Samples.Radon -- --method rws --plot radon.png
using System.Collections.Generic;
using Alan.Samples.Common;
using Alan.Samples.Radon;

var defaults = new SampleDefaults("radon", new Dictionary<Method, double> { [Method.Vi] = 0.1, [Method.Rws] = 0.3, [Method.Qem] = 0.1 });
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = RadonData.Load();
    SampleRunner.Run(options, data.Target(options.Method));
    return 0;
});
