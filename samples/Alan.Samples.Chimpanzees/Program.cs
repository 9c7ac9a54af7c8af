// Chimpanzees: the original alan's chimpanzees model (Silk et al. 2005 prosocial choice experiment) on its tensor
// form of the data, 7 actors x 6 "blocks" x 10 training trials; 2 more trials per (actor, block) are held out.
// "Blocks" follows the original's reshape of the raw rows, not the experiment's block column (see Model.cs).
// Learning rates from the original experiment file: VI 0.5, RWS 0.5 (Adam), QEM 0.75; K = 30, 250 iterations.
//   dotnet run -c Release --project samples/Alan.Samples.Chimpanzees -- --method vi --plot chimps.png
using System.Collections.Generic;
using Alan.Samples.Chimpanzees;
using Alan.Samples.Common;

var defaults = new SampleDefaults("chimpanzees", new Dictionary<Method, double> { [Method.Vi] = 0.5, [Method.Rws] = 0.5, [Method.Qem] = 0.75 });
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = ChimpsData.Load();
    if (options.Method == Method.Qem) SampleRunner.Run(options, Targets.Qem(data));
    else SampleRunner.Run(options, Targets.Gradient(data));
    return 0;
});
