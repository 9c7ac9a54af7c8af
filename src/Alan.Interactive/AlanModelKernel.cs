using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;

namespace Alan.Interactive
{
    /// <summary>
    /// The notebook kernel named <c>alan</c>: a cell that starts with <c>#!alan</c> holds a C# file of models
    /// (<c>[Plate]</c> programs and their <c>[Problem]</c>), which is compiled with the Alan generator
    /// (<see cref="ModelCellCompiler"/>) into an assembly that the C# kernel then references, so the following C# cells
    /// use the generated problem classes as a project would.
    /// </summary>
    /// <remarks>
    /// A loaded assembly cannot be unloaded from the kernel, and two assemblies that declare the same type make every
    /// use of it ambiguous: running an unchanged cell again is a no-op, and a changed cell that declares a type an
    /// earlier cell declared is refused with the kernel restart it needs.
    /// </remarks>
    public sealed class AlanModelKernel : Kernel, IKernelCommandHandler<SubmitCode>
    {
        /// <summary>The kernel's name, as a cell selects it: <c>#!alan</c>.</summary>
        public const string KernelName = "alan";

        // Process-wide: every model assembly gets a name of its own, whichever kernel compiled it.
        private static int _cellsCompiled;
        private readonly CSharpKernel _csharp;
        private readonly string _outputDirectory;
        private readonly Dictionary<string, ModelCellCompilation> _bySource = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _assemblyOfType = new(StringComparer.Ordinal);
        private readonly List<ModelCellCompilation> _compiled = new();
        private readonly List<MetadataReference> _modelReferences = new();

        /// <summary>A kernel whose model assemblies <paramref name="csharp"/> references.</summary>
        public AlanModelKernel(CSharpKernel csharp) : base(KernelName)
        {
            _csharp = csharp ?? throw new ArgumentNullException(nameof(csharp));
            _outputDirectory = Path.Combine(Path.GetTempPath(), "alan-notebook-models", Environment.ProcessId.ToString());
            KernelInfo.LanguageName = "C#";
            KernelInfo.DisplayName = "Alan models (C#)";
            KernelInfo.Description = "Compiles [Plate] and [Problem] classes with the Alan generator and references them from the C# kernel";
            // The assemblies stay loaded while the kernel runs; where the system allows it, they go with the kernel.
            RegisterForDisposal(() =>
            {
                try { if (Directory.Exists(_outputDirectory)) Directory.Delete(_outputDirectory, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            });
        }

        /// <summary>Every model cell compiled so far, oldest first.</summary>
        public IReadOnlyList<ModelCellCompilation> Compiled => _compiled;

        /// <summary>Compiles the cell, reports its diagnostics, and references the assembly from the C# kernel.</summary>
        public Task HandleAsync(SubmitCode command, KernelInvocationContext context)
        {
            string source = command.Code;
            if (string.IsNullOrWhiteSpace(source))
            {
                context.Fail(command, message: "The #!alan cell is empty: write [Plate] and [Problem] classes below the #!alan line.");
                return Task.CompletedTask;
            }
            if (_bySource.TryGetValue(source, out var earlier))
            {
                context.DisplayAs($"Unchanged: {string.Join(", ", earlier.DeclaredTypes)} already loaded ({earlier.AssemblyName}).", "text/plain");
                return Task.CompletedTask;
            }

            // What the C# cells can see (their #r references), and the earlier model cells, which a C# cell may not
            // have run since.
            var references = (_csharp.ScriptState?.Script.GetCompilation().References ?? Enumerable.Empty<MetadataReference>())
                .Concat(_modelReferences);
            string assemblyName = "AlanNotebookModels" + Interlocked.Increment(ref _cellsCompiled);
            var result = ModelCellCompiler.Compile(source, assemblyName, references);
            if (!result.Succeeded)
            {
                context.Fail(command, message: Describe(result));
                return Task.CompletedTask;
            }
            var redefined = result.DeclaredTypes.Where(_assemblyOfType.ContainsKey).ToList();
            if (redefined.Count > 0)
            {
                context.Fail(command, message:
                    $"{string.Join(", ", redefined.Select(t => $"{t} (in {_assemblyOfType[t]})"))} {(redefined.Count == 1 ? "was" : "were")} already defined by an earlier #!alan cell, " +
                    "and a loaded type cannot be replaced: restart the kernel and run the cells again, or give the changed type a new name.");
                return Task.CompletedTask;
            }

            Directory.CreateDirectory(_outputDirectory);
            string path = Path.Combine(_outputDirectory, assemblyName + ".dll");
            File.WriteAllBytes(path, result.Image!);
            _csharp.AddAssemblyReferences(new[] { path });
            _modelReferences.Add(MetadataReference.CreateFromFile(path));
            _bySource[source] = result;
            foreach (var type in result.DeclaredTypes) _assemblyOfType[type] = assemblyName;
            _compiled.Add(result);
            context.DisplayAs(Describe(result), "text/plain");
            return Task.CompletedTask;
        }

        /// <summary>What a compiled cell declares and what the compiler and generator said about it.</summary>
        private static string Describe(ModelCellCompilation result)
        {
            var text = new StringBuilder();
            if (result.Succeeded)
                text.Append($"Compiled {string.Join(", ", result.DeclaredTypes)} with the Alan generator ({result.GeneratedFiles.Count} generated files) as {result.AssemblyName}.");
            else
            {
                int errors = result.WithSeverity(DiagnosticSeverity.Error).Count();
                text.Append($"The model cell did not compile ({errors} {(errors == 1 ? "error" : "errors")}):");
            }
            foreach (var d in result.Diagnostics)
                text.Append('\n').Append(Format(d));
            return text.ToString();
        }

        /// <summary>"(line,column): error ALAN0nn: message", the line counted from the first line after <c>#!alan</c>.</summary>
        private static string Format(Microsoft.CodeAnalysis.Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            string where = d.Location != Location.None && span.IsValid
                ? $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): "
                : "";
            string severity = d.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "info",
            };
            return $"{where}{severity} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }
    }
}
