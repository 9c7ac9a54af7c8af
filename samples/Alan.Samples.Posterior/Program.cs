// The posterior toolkit of Alan, in C#: the remaining parts of the original alan "Introduction" notebook.
//
// Part 1 (GroupedMoments.cs): a grouped model with nested plates; posterior moments by Marginals(),
//         Moments() and ImportanceSample(N), which agree; predictive log-likelihood of held-out items.
// Part 2 (JointTraining.cs): P and Q both with parameters, trained by VI, RWS and QEM together.
//
// Usage: dotnet run --project samples/Alan.Samples.Posterior [-- --plot [path.png]]
//        --plot writes the ELBO curves of both parts to path.png (default elbo.png in the working directory).
using System;
using System.Diagnostics;
using System.Globalization;
using Alan.Samples.Posterior;
using TorchSharp;

if (!TryParse(args, out string? plotPath))
{
    Console.Error.WriteLine("usage: Alan.Samples.Posterior [--plot [path.png]]");
    return 2;
}

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
torch.set_num_threads(1);   // tiny tensors: one thread is fastest
var clock = Stopwatch.StartNew();
Console.WriteLine("Alan posterior toolkit (C#), CPU");
Console.WriteLine();

var part1 = GroupedMoments.Run(seed: 1);
var part2 = JointTraining.Run(seed: 2);

if (plotPath is not null)
{
    Plot.Write(plotPath, new[] { part1, part2 });
    Console.WriteLine($"ELBO curves written to {plotPath}");
}
Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F1} s");
return 0;

static bool TryParse(string[] args, out string? plotPath)
{
    plotPath = null;
    for (int i = 0; i < args.Length; i++)
    {
        if (args[i] != "--plot") return false;
        plotPath = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "elbo.png";
    }
    return true;
}
