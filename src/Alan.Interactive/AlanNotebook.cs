using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace Alan.Interactive
{
    /// <summary>
    /// Sets a .NET Interactive (Polyglot Notebooks) kernel up for Alan: TorchSharp's native libraries, references to
    /// Alan.Runtime, Alan.Attributes and TorchSharp in the C# kernel, and the <c>#!alan</c> kernel for model cells.
    /// A notebook calls <see cref="Enable()"/> once, after <c>#r "path/to/Alan.Interactive.dll"</c>.
    /// </summary>
    public sealed class AlanNotebook : IKernelExtension
    {
        /// <summary>
        /// Sets up the running notebook (the kernel of the current cell). Running it again does nothing.
        /// </summary>
        /// <exception cref="InvalidOperationException">Not called from a notebook cell, or the notebook has no C# kernel.</exception>
        public static void Enable() =>
            Enable(Kernel.Root ?? throw new InvalidOperationException(
                "AlanNotebook.Enable() sets up a .NET Interactive kernel: call it from a C# cell of a Polyglot notebook (or dotnet-repl)."));

        /// <summary>Sets up the kernel tree that <paramref name="kernel"/> belongs to.</summary>
        public static void Enable(Kernel kernel)
        {
            if (kernel == null) throw new ArgumentNullException(nameof(kernel));
            var root = kernel.RootKernel as CompositeKernel ?? throw new InvalidOperationException(
                $"The root kernel is a {kernel.RootKernel.GetType().Name}; the #!alan kernel is added to a CompositeKernel (a notebook's).");
            if (root.ChildKernels.Any(k => k.Name == AlanModelKernel.KernelName)) return;
            var csharp = root.ChildKernels.OfType<CSharpKernel>().FirstOrDefault() ?? throw new InvalidOperationException(
                "The notebook has no C# kernel (csharp): Alan models are C# classes.");

            TorchSharpNativeLibraries.Load();
            csharp.AddAssemblyReferences(ModelCellCompiler.AlanAssemblies);
            root.Add(new AlanModelKernel(csharp));
        }

        /// <summary>The kernel whose model cells have been compiled in this notebook.</summary>
        public static AlanModelKernel Models =>
            Kernel.Root?.FindKernelByName(AlanModelKernel.KernelName) as AlanModelKernel ?? throw new InvalidOperationException(
                "The #!alan kernel is not set up: run AlanNotebook.Enable() first.");

        /// <summary>
        /// The code the Alan generator wrote for the most recent model cell that declared <paramref name="typeName"/>
        /// (its simple or full name), every generated file of that type joined: what a build would compile.
        /// </summary>
        public static string GeneratedCode(string typeName)
        {
            var cell = Models.Compiled.LastOrDefault(c => c.DeclaredTypes.Any(t => t == typeName || t.EndsWith("." + typeName, StringComparison.Ordinal)))
                ?? throw new ArgumentException(
                    $"No #!alan cell declares a type named '{typeName}'; the cells declare: {string.Join(", ", Models.Compiled.SelectMany(c => c.DeclaredTypes))}.",
                    nameof(typeName));
            string simple = typeName.Split('.').Last();
            // The problem's main file first, then the rest by name.
            var files = cell.GeneratedFiles.Where(f => f.Key.StartsWith(simple + ".", StringComparison.Ordinal))
                .OrderBy(f => f.Key == simple + ".Problem.g.cs" ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
                throw new ArgumentException($"The generator wrote no file for '{typeName}' (the cell's files: {string.Join(", ", cell.GeneratedFiles.Keys)}).", nameof(typeName));
            return string.Join("\n", files.Select(f => $"// ---- {f.Key}\n{f.Value}"));
        }

        /// <summary>Called by .NET Interactive when it loads this assembly as a kernel extension.</summary>
        Task IKernelExtension.OnLoadAsync(Kernel kernel)
        {
            Enable(kernel);
            return Task.CompletedTask;
        }
    }
}
