using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Alan.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Compiles C# sources against the Alan attributes, Alan.Runtime and TorchSharp, runs the Alan generator
    /// and collects what it produced. The driver is returned so snapshot and incrementality tests can rerun it
    /// (<see cref="GeneratorHarness.RunAgain"/>) and inspect tracked steps.
    /// </summary>
    public static class GeneratorHarness
    {
        /// <summary>The usings every model file starts with.</summary>
        public const string Usings = "using Alan;\nusing TorchSharp;\nusing static TorchSharp.torch;\n";

        public static readonly CSharpParseOptions ParseOptions =
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new Lazy<ImmutableArray<MetadataReference>>(() =>
        {
            var refs = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
            foreach (var assembly in new[] { typeof(Alan.PlateAttribute).Assembly, typeof(Alan.Distribution).Assembly, typeof(TorchSharp.torch).Assembly })
                refs.Add(MetadataReference.CreateFromFile(assembly.Location));
            return refs.ToImmutableArray();
        });

        public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

        /// <summary>File path of the i-th source (the first is "Model.cs", then "Model1.cs", ...).</summary>
        public static string PathOf(int index) => index == 0 ? "Model.cs" : $"Model{index}.cs";

        /// <summary>A compilation of the given sources (named <see cref="PathOf"/>), without running the generator.</summary>
        public static CSharpCompilation CreateCompilation(string source, params string[] moreSources)
        {
            var sources = new[] { source }.Concat(moreSources).ToArray();
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: PathOf(i)));
            return CSharpCompilation.Create(
                "AlanGeneratorTests",
                trees,
                References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        }

        /// <summary>
        /// A fresh driver with the Alan generator and step tracking enabled. <paramref name="buildProperties"/> are
        /// MSBuild properties as the compiler hands them to generators (global analyzer config options named
        /// <c>build_property.&lt;Name&gt;</c>, e.g. <c>OutputType</c> or <c>AlanNativeHeap</c>); without them the generator
        /// sees none, as in a build that does not declare them compiler-visible.
        /// </summary>
        public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties = null) =>
            CSharpGeneratorDriver.Create(
                new[] { new AlanGenerator().AsSourceGenerator() },
                additionalTexts: null,
                parseOptions: ParseOptions,
                optionsProvider: buildProperties == null ? null : new BuildPropertyOptionsProvider(buildProperties),
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Compiles the sources and runs the generator once.</summary>
        public static HarnessResult Run(string source, params string[] moreSources) =>
            RunAgain(CreateDriver(), CreateCompilation(source, moreSources));

        /// <summary>
        /// Compiles the sources (as a class library) and runs the generator once with the given MSBuild properties
        /// (name to value, see <see cref="CreateDriver"/>).
        /// </summary>
        public static HarnessResult RunWithBuildProperties(IReadOnlyDictionary<string, string> buildProperties, string source, params string[] moreSources) =>
            RunAgain(CreateDriver(buildProperties), CreateCompilation(source, moreSources));

        /// <summary>Runs <paramref name="driver"/> (fresh, or from an earlier result for incrementality) on <paramref name="compilation"/>.</summary>
        public static HarnessResult RunAgain(GeneratorDriver driver, Compilation compilation)
        {
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            var run = driver.GetRunResult();
            var generated = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var r in run.Results)
                foreach (var s in r.GeneratedSources)
                    generated[s.HintName] = s.SourceText.ToString();
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
            var sources = compilation.SyntaxTrees.ToDictionary(t => t.FilePath, t => t.GetText().ToString(), StringComparer.Ordinal);
            // The cost report (ALAN042) goes with every valid problem, as a warning when it suggests a grouping: the
            // checks that a valid model reports nothing look at Diagnostics (the other warnings and errors); Infos holds
            // the cost report and any information.
            static bool IsReport(Diagnostic d) => d.Severity == DiagnosticSeverity.Info || d.Id == "ALAN042";
            return new HarnessResult(
                diagnostics.Where(d => !IsReport(d)).ToImmutableArray(),
                diagnostics.Where(IsReport).ToImmutableArray(),
                generated,
                errors,
                driver,
                compilation,
                output,
                run.Results.Select(r => r.Exception).FirstOrDefault(e => e != null),
                sources);
        }
    }

    /// <summary>
    /// Analyzer config options holding MSBuild properties only, as the compiler builds them from the project's
    /// generated .editorconfig: global keys <c>build_property.&lt;Name&gt;</c>; no per-file options.
    /// </summary>
    internal sealed class BuildPropertyOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions NoOptions = new Options(ImmutableDictionary<string, string>.Empty);

        public BuildPropertyOptionsProvider(IReadOnlyDictionary<string, string> buildProperties)
        {
            GlobalOptions = new Options(buildProperties.ToImmutableDictionary(kv => "build_property." + kv.Key, kv => kv.Value,
                AnalyzerConfigOptions.KeyComparer));
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => NoOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => NoOptions;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                _values.TryGetValue(key, out value);
        }
    }

    /// <summary>What one generator run produced.</summary>
    /// <param name="Diagnostics">Diagnostics reported by the generator.</param>
    /// <param name="GeneratedSources">Hint name to generated text.</param>
    /// <param name="CompilationErrors">Errors of the output compilation (input plus generated sources).</param>
    /// <param name="Driver">The driver after the run (rerun it with <see cref="GeneratorHarness.RunAgain"/>).</param>
    /// <param name="InputCompilation">The compilation the generator ran on.</param>
    /// <param name="Compilation">The output compilation, with the generated sources.</param>
    /// <param name="Exception">The exception a generator threw, if any.</param>
    /// <param name="Sources">Input file path to text.</param>
    public sealed record HarnessResult(
        ImmutableArray<Diagnostic> Diagnostics,
        ImmutableArray<Diagnostic> Infos,
        IReadOnlyDictionary<string, string> GeneratedSources,
        ImmutableArray<Diagnostic> CompilationErrors,
        GeneratorDriver Driver,
        Compilation InputCompilation,
        Compilation Compilation,
        Exception? Exception,
        IReadOnlyDictionary<string, string> Sources)
    {
        /// <summary>The generator's diagnostics with the given ID (info diagnostics included).</summary>
        public Diagnostic[] WithId(string id) => Diagnostics.Concat(Infos).Where(d => d.Id == id).ToArray();

        /// <summary>Every generated file of <paramref name="problem"/> (hint names "problem.Problem*.g.cs"), main file first, joined.</summary>
        public string ProblemCode(string problem) => string.Join("\n", GeneratedSources
            .Where(kv => kv.Key.StartsWith(problem + ".Problem.", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key == problem + ".Problem.g.cs" ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value));

        /// <summary>The text of the source line where the diagnostic starts ("" when it has no location).</summary>
        public string LineOf(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            if (!span.IsValid || !Sources.TryGetValue(span.Path, out var text)) return "";
            var lines = text.Split('\n');
            int line = span.StartLinePosition.Line;
            return line >= 0 && line < lines.Length ? lines[line].TrimEnd('\r') : "";
        }

        /// <summary>The source text the diagnostic's span covers.</summary>
        public string SpanText(Diagnostic diagnostic)
        {
            var loc = diagnostic.Location;
            var path = loc.GetLineSpan().Path;
            if (!Sources.TryGetValue(path ?? "", out var text)) return "";
            var span = loc.SourceSpan;
            return span.End <= text.Length ? text.Substring(span.Start, span.Length) : "";
        }

        /// <summary>True when the generator reported an error diagnostic (it rejected the model).</summary>
        public bool GeneratorRejected => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>
        /// Errors the generated sources add to the compilation when it is compiled as this repository's projects are
        /// (warnings as errors): every error or warning of the output compilation that the input compilation alone does
        /// not have. Empty when the generated code compiles cleanly.
        /// </summary>
        public Diagnostic[] GeneratedCodeErrors()
        {
            static Compilation Strict(Compilation c) =>
                c.WithOptions(c.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
            static bool Relevant(Diagnostic d) => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning;
            var before = new HashSet<string>(Strict(InputCompilation).GetDiagnostics().Where(Relevant).Select(d => d.ToString()), StringComparer.Ordinal);
            return Strict(Compilation).GetDiagnostics().Where(Relevant).Where(d => !before.Contains(d.ToString())).ToArray();
        }

        /// <summary>The generated-code errors, one a line, with the generated sources, for assertion messages.</summary>
        public string DescribeGeneratedCodeErrors() =>
            string.Join("\n", GeneratedCodeErrors().Select(d => d.ToString())) + "\n" + Describe();

        /// <summary>All generator diagnostics, one a line, for assertion messages.</summary>
        public string Describe() =>
            Diagnostics.Length == 0 ? "(no diagnostics)" : string.Join("\n", Diagnostics.Select(d => d.ToString()));
    }
}
