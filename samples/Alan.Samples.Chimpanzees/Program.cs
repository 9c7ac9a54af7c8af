// Chimpanzees: the original alan's chimpanzees model (Silk et al. 2005 prosocial choice experiment) on its tensor
// form of the data, 7 actors x 6 "blocks" x 10 training trials; 2 more trials per (actor, block) are held out.
// "Blocks" follows the original's reshape of the raw rows, not the experiment's block column (see Model.cs).
// K = 30, 250 iterations. Learning rates: QEM 0.75 as the original experiment file; VI and RWS 0.3 (Adam), below the
// file's 0.5, at which VI's ELBO turned NaN at iteration 213 and RWS ended 29 nats below the original's (-275.2 against
// -245.9); at 0.3 they end at -250.9 and -246.0 (the original's trial: -254.9 and -245.9).
//   dotnet run -c Release --project samples/Alan.Samples.Chimpanzees -- --method vi --plot chimps.png
using System.Collections.Generic;
using Alan.Samples.Chimpanzees;
using Alan.Samples.Common;

var defaults = new SampleDefaults("chimpanzees", new Dictionary<Method, double> { [Method.Vi] = 0.3, [Method.Rws] = 0.3, [Method.Qem] = 0.75 });
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = ChimpsData.Load();
    SampleRunner.Run(options, data.Target(options.Method));
    return 0;
});
