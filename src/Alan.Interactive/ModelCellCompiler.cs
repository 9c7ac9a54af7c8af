using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Alan.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alan.Interactive
{
    /// <summary>
    /// Compiles the text of a model cell as a C# file of its own (namespaces, usings, <c>[Plate]</c> and
    /// <c>[Problem]</c> partial classes, anything else a class library may hold) into an assembly, running the Alan
    /// generator on it exactly as a build does: a notebook cell is a script submission, where source generators do not
    /// run, so the cell is compiled apart and the kernel then references the assembly.
    /// </summary>
    public static class ModelCellCompiler
    {
        /// <summary>The language version of a project built with this repository's settings (LangVersion latest).</summary>
        public static readonly CSharpParseOptions ParseOptions =
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

        /// <summary>
        /// A class library with nullable reference types on, as the samples are compiled. A class library: the generator
        /// then emits no native-heap module initializer, so loading a model never changes the kernel process's allocator.
        /// </summary>
        private static readonly CSharpCompilationOptions CompilationOptions =
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release);

        /// <summary>The files of Alan.Attributes, Alan.Runtime and TorchSharp as loaded in this process.</summary>
        public static IReadOnlyList<string> AlanAssemblies { get; } = new[]
        {
            typeof(PlateAttribute).Assembly.Location,
            typeof(Distribution).Assembly.Location,
            typeof(TorchSharp.torch).Assembly.Location,
        };

        /// <summary>
        /// The assemblies every model cell is compiled against: the running framework, Alan.Attributes, Alan.Runtime
        /// and TorchSharp (the copies this process has loaded, so the model and the notebook share their types).
        /// </summary>
        public static ImmutableArray<MetadataReference> DefaultReferences => LazyDefaultReferences.Value;

        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyDefaultReferences = new(() =>
        {
            var paths = new List<string>();
            string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            // The shared framework's assemblies are on the trusted platform list; the kernel's own assemblies are there
            // too (it is a framework-dependent application), and are left out: a model sees the framework and Alan only.
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted)
                paths.AddRange(trusted.Split(Path.PathSeparator)
                    .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal)
                                && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)));
            paths.AddRange(AlanAssemblies);
            return paths.Distinct(StringComparer.Ordinal).Where(IsManagedAssembly)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        });

        /// <summary>
        /// Compiles <paramref name="source"/> with the Alan generator into an assembly named <paramref name="assemblyName"/>.
        /// </summary>
        /// <param name="source">The cell's text: a complete C# file.</param>
        /// <param name="assemblyName">A name no assembly loaded in the process has.</param>
        /// <param name="moreReferences">
        /// References besides <see cref="DefaultReferences"/> (the kernel's <c>#r</c> references and earlier model
        /// cells); one with the file name of a default reference is left out.
        /// </param>
        public static ModelCellCompilation Compile(string source, string assemblyName, IEnumerable<MetadataReference>? moreReferences = null)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (string.IsNullOrWhiteSpace(assemblyName))
                throw new ArgumentException($"assemblyName must be a non-empty assembly name; got '{assemblyName}'.", nameof(assemblyName));

            var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path: assemblyName + ".cs");
            var compilation = CSharpCompilation.Create(assemblyName, new[] { tree }, References(moreReferences), CompilationOptions);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new AlanGenerator().AsSourceGenerator() }, additionalTexts: null, parseOptions: ParseOptions, optionsProvider: null);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var run = driver.GetRunResult();
            var generatedFiles = run.Results.SelectMany(r => r.GeneratedSources)
                .ToImmutableSortedDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

            using var image = new MemoryStream();
            var emit = output.Emit(image);
            // The generator's own diagnostics (its ALAN errors, the cost report) come from the driver; the compiler's
            // from the emit, which covers the cell and the generated code.
            var diagnostics = generatorDiagnostics.Concat(emit.Diagnostics)
                .Where(d => d.Severity != DiagnosticSeverity.Hidden)
                .OrderByDescending(d => d.Severity).ThenBy(d => d.Location.SourceSpan.Start)
                .ToImmutableArray();
            bool succeeded = emit.Success && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            var declared = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()
                .Select(t => output.GetSemanticModel(tree).GetDeclaredSymbol(t))
                .Where(s => s != null && s.ContainingType == null)
                .Select(s => s!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""))
                .Distinct(StringComparer.Ordinal)
                .ToImmutableArray();
            return new ModelCellCompilation(assemblyName, succeeded ? image.ToArray() : null, diagnostics, declared, generatedFiles);
        }

        /// <summary>The default references, then those of <paramref name="more"/> whose file name none before has.</summary>
        private static IEnumerable<MetadataReference> References(IEnumerable<MetadataReference>? more)
        {
            var fileNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var reference in DefaultReferences.Concat(more ?? Enumerable.Empty<MetadataReference>()))
            {
                string name = FileNameOf(reference);
                if (name.Length == 0 || fileNames.Add(name)) yield return reference;
            }
        }

        private static string FileNameOf(MetadataReference reference) =>
            reference is PortableExecutableReference { FilePath: { } path } ? Path.GetFileName(path) : "";

        /// <summary>Whether the file is a managed assembly (the framework folder also holds a few native libraries).</summary>
        private static bool IsManagedAssembly(string path)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
                return reader.HasMetadata;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }
    }

    /// <summary>The outcome of compiling one model cell.</summary>
    /// <param name="AssemblyName">The assembly's name.</param>
    /// <param name="Image">The assembly's bytes; null when the cell has errors.</param>
    /// <param name="Diagnostics">Errors first, then warnings and information (the generator's cost report among them).</param>
    /// <param name="DeclaredTypes">The top-level types the cell declares, by full name.</param>
    /// <param name="GeneratedFiles">The files the Alan generator added, by hint name.</param>
    public sealed record ModelCellCompilation(
        string AssemblyName,
        byte[]? Image,
        ImmutableArray<Diagnostic> Diagnostics,
        ImmutableArray<string> DeclaredTypes,
        ImmutableSortedDictionary<string, string> GeneratedFiles)
    {
        /// <summary>Whether the cell compiled (no error from the generator or the compiler).</summary>
        public bool Succeeded => Image != null;

        /// <summary>The diagnostics with the given severity.</summary>
        public IEnumerable<Diagnostic> WithSeverity(DiagnosticSeverity severity) => Diagnostics.Where(d => d.Severity == severity);
    }
}
