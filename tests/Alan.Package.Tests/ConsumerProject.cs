using System.Globalization;
using System.IO;
using System.Security;
using System.Text;

namespace Alan.Package.Tests
{
    /// <summary>
    /// A throw-away console project that uses Alan only through PackageReferences (Alan.Compiled and TorchSharp-cpu).
    /// Its nuget.config adds the test's feed to the user's sources (so the partial mirror keeps serving the rest),
    /// restores into a private packages folder and reads everything already downloaded from the user's global
    /// packages folder as a fallback folder (libtorch is not downloaded again).
    /// </summary>
    internal static class ConsumerProject
    {
        public static void WriteSolutionRoot(string root, string feed, string packagesFolder, string userPackagesFolder, string? globalJson)
        {
            Directory.CreateDirectory(root);
            // Stop MSBuild's upward search here: the consumer sees the package and nothing of a parent folder.
            foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                File.WriteAllText(Path.Combine(root, name), "<Project />\n");
            if (globalJson != null) File.WriteAllText(Path.Combine(root, "global.json"), globalJson);
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config>
                    <add key="globalPackagesFolder" value="{Xml(packagesFolder)}" />
                  </config>
                  <packageSources>
                    <add key="alan-compiled-under-test" value="{Xml(feed)}" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <add key="user-global-packages" value="{Xml(userPackagesFolder)}" />
                  </fallbackPackageFolders>
                </configuration>
                """);
        }

        /// <summary>
        /// Writes project <paramref name="name"/> (a console program when <paramref name="exe"/>) with the given
        /// PackageReferences (id, version), ProjectReferences (sibling project names) and source files.
        /// </summary>
        public static string Write(string root, string name, bool exe, (string Id, string Version)[] packages, string[] projects,
            params (string File, string Text)[] sources)
        {
            string folder = Path.Combine(root, name);
            Directory.CreateDirectory(folder);
            var items = new StringBuilder();
            foreach (var (id, version) in packages) items.Append($"    <PackageReference Include=\"{id}\" Version=\"{version}\" />\n");
            foreach (string project in projects) items.Append($"    <ProjectReference Include=\"../{project}/{project}.csproj\" />\n");
            File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>{(exe ? "Exe" : "Library")}</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <NuGetAudit>false</NuGetAudit>
                  </PropertyGroup>
                  <ItemGroup>
                {items}  </ItemGroup>
                </Project>
                """);
            foreach (var (file, text) in sources) File.WriteAllText(Path.Combine(folder, file), text);
            return folder;
        }

        /// <summary>
        /// Builds ConjugateProblem on the data, draws K = 3 particles and prints "logZ=" and the estimate (round-trip
        /// format), then "reusingHeap=" and whether the reusing native heap is on (Alan.NativeHeapPolicy). With the proposal of <see cref="ConjugateNormalModels"/> that is the exact log evidence.
        /// </summary>
        public static string ConjugateNormalMain(double[] x) => $$"""
            using System;
            using System.Globalization;
            using TorchSharp;
            using static TorchSharp.torch;

            var x = torch.tensor(new double[] { {{string.Join(", ", System.Array.ConvertAll(x, R))}} }, dtype: ScalarType.Float64);
            var sizes = new ConjugateProblem.PlateSizes(Obs: {{x.Length}});
            var problem = new ConjugateProblem(sizes, new ConjugateProblem.Observations(X: x), ScalarType.Float64);
            torch.manual_seed(1);
            using var sample = problem.Sample(K: 3);
            Console.WriteLine("logZ=" + sample.ElboNoGrad().item<double>().ToString("R", CultureInfo.InvariantCulture));
            Console.WriteLine("reusingHeap=" + Alan.NativeHeapPolicy.IsReusingHeap);
            """;

        /// <summary>
        /// mu ~ N(0, 1), x_i ~ N(mu, 1) on plate Obs, with the proposal set to the exact posterior
        /// N(sum x / (1 + n), 1 / (1 + n)): every importance weight p(mu, x) / q(mu) then equals p(x), so the
        /// estimate is the log evidence for any K and any draw. <paramref name="dataArgument"/> is the name
        /// X's argument uses for Mu (a misspelling gives ALAN004).
        /// </summary>
        public static string ConjugateNormalModels(double[] x, string dataArgument = "mu")
        {
            double n = x.Length, sum = 0;
            foreach (double v in x) sum += v;
            string loc = R(sum / (1 + n)), logScale = R(-0.5 * System.Math.Log(1 + n));
            return $$"""
                using Alan;
                using TorchSharp;
                using static TorchSharp.torch;

                [Plate]
                public partial class Conjugate
                {
                    [Latent] static Normal Mu() => new(0.0, 1.0);

                    [Plate]
                    public partial class Obs
                    {
                        [Data] static Normal X(Tensor {{dataArgument}}) => new({{dataArgument}}, 1.0);
                    }
                }

                [Plate]
                public partial class ConjugateGuide
                {
                    [Latent] static Normal Mu([Param({{loc}})] Tensor loc, [Param({{logScale}})] Tensor logScale) => new(loc, logScale.exp());

                    [Plate] public partial class Obs { }
                }

                [Problem(typeof(Conjugate), typeof(ConjugateGuide))]
                public partial class ConjugateProblem { }
                """;
        }

        /// <summary>log N(x; 0, I + 11^T) = -n/2 log 2pi - 1/2 log(1 + n) - 1/2 (sum x^2 - (sum x)^2 / (1 + n)): the
        /// exact log evidence of <see cref="ConjugateNormalModels"/>.</summary>
        public static double ConjugateNormalLogEvidence(double[] x)
        {
            double n = x.Length, sum = 0, squares = 0;
            foreach (double v in x) { sum += v; squares += v * v; }
            return -0.5 * n * System.Math.Log(2 * System.Math.PI) - 0.5 * System.Math.Log(1 + n) - 0.5 * (squares - sum * sum / (1 + n));
        }

        /// <summary>The repository's root folder (the one holding Alan.Compiled.sln), found above the test's folder.</summary>
        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(NUnit.Framework.TestContext.CurrentContext.TestDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Alan.Compiled.sln"))) return dir.FullName;
            throw new System.InvalidOperationException("Alan.Compiled.sln not found above " + NUnit.Framework.TestContext.CurrentContext.TestDirectory);
        }

        private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static string Xml(string s) => SecurityElement.Escape(s);
    }
}
