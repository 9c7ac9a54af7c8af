using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;

namespace Alan.Samples.Tests
{
    /// <summary>
    /// Runs a notebook headless with dotnet-repl, the local tool of .config/dotnet-tools.json, and reads back the
    /// executed notebook it writes: every cell's printed text and its errors.
    /// </summary>
    internal static class NotebookRunner
    {
        /// <summary>Longest a notebook may run before the test fails (the introduction takes about 40 s alone).</summary>
        private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

        private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(4);

        /// <summary>The repository root: the first folder above the test assembly that holds Alan.Compiled.sln.</summary>
        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        /// <summary>The configuration this test assembly (and so its build of Alan.Interactive) was built in.</summary>
#if DEBUG
        public static readonly string Configuration = "Debug";
#else
        public static readonly string Configuration = "Release";
#endif

        /// <summary>The build of Alan.Interactive made with this test project (its reference to src/Alan.Interactive).</summary>
        public static string InteractiveAssembly =>
            Path.Combine(RepositoryRoot, "src", "Alan.Interactive", "bin", Configuration, "net10.0", "Alan.Interactive.dll");

        /// <summary>
        /// Restores the local tools (dotnet-repl). A failure fails the test with the tool's output: the notebook is part
        /// of what CI checks and is never skipped.
        /// </summary>
        public static void RestoreTools()
        {
            var (exit, output) = Run("dotnet", new[] { "tool", "restore" }, RepositoryRoot, RestoreTimeout);
            if (exit != 0)
                Assert.Fail($"'dotnet tool restore' in {RepositoryRoot} failed with exit code {exit}, so dotnet-repl (.config/dotnet-tools.json) " +
                            $"cannot run the notebook. A NuGet feed that serves dotnet-repl is needed. Output:\n{output}");
        }

        /// <summary>
        /// Runs <paramref name="notebook"/> with the working directory <paramref name="workingDirectory"/> (where its
        /// relative <c>#r</c> paths start; dotnet finds the tool manifest from there up) and returns the executed notebook.
        /// </summary>
        public static ExecutedNotebook Execute(string notebook, string workingDirectory)
        {
            if (!File.Exists(InteractiveAssembly))
                Assert.Fail($"{InteractiveAssembly} is missing: the test project's reference to src/Alan.Interactive should have built it.");
            string outputPath = Path.Combine(Path.GetTempPath(), $"alan-notebook-{Guid.NewGuid():N}.ipynb");
            try
            {
                var (exit, log) = Run("dotnet",
                    new[] { "tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", outputPath },
                    workingDirectory, RunTimeout);
                if (!File.Exists(outputPath))
                    Assert.Fail($"dotnet-repl exited with code {exit} and wrote no executed notebook. Its output:\n{log}");
                return ExecutedNotebook.Read(outputPath, exit, log);
            }
            finally
            {
                File.Delete(outputPath);
            }
        }

        /// <summary>Writes a notebook of C# cells (each string one cell) to a new temporary file.</summary>
        public static string WriteNotebook(params string[] cells)
        {
            var notebook = new Dictionary<string, object>
            {
                ["cells"] = cells.Select(code => new Dictionary<string, object?>
                {
                    ["cell_type"] = "code",
                    ["execution_count"] = null,
                    ["metadata"] = new Dictionary<string, object>
                    {
                        ["dotnet_interactive"] = new Dictionary<string, string> { ["language"] = "csharp" },
                        ["polyglot_notebook"] = new Dictionary<string, string> { ["kernelName"] = "csharp" },
                    },
                    ["outputs"] = Array.Empty<object>(),
                    ["source"] = code,
                }).ToArray(),
                ["metadata"] = new Dictionary<string, object>
                {
                    ["kernelspec"] = new Dictionary<string, string> { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                    ["language_info"] = new Dictionary<string, string> { ["name"] = "polyglot-notebook" },
                },
                ["nbformat"] = 4,
                ["nbformat_minor"] = 4,
            };
            string path = Path.Combine(Path.GetTempPath(), $"alan-notebook-test-{Guid.NewGuid():N}.ipynb");
            File.WriteAllText(path, JsonSerializer.Serialize(notebook));
            return path;
        }

        private static (int Exit, string Output) Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(file)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            // No telemetry banner or first-run text in the output that the test reads.
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail($"'{file} {string.Join(' ', arguments)}' did not finish within {timeout.TotalMinutes} minutes. Output so far:\n{stdout.Result}\n{stderr.Result}");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        private static string FindRepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Alan.Compiled.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Alan.Compiled.sln.");
        }
    }

    /// <summary>A notebook as dotnet-repl wrote it after running every cell.</summary>
    /// <param name="ExitCode">dotnet-repl's exit code: 0 when every cell ran without error.</param>
    /// <param name="Log">What dotnet-repl printed.</param>
    /// <param name="Cells">Per cell: its source, its printed and displayed text, and its error messages.</param>
    internal sealed record ExecutedNotebook(int ExitCode, string Log, IReadOnlyList<ExecutedCell> Cells)
    {
        /// <summary>Every cell's printed and displayed text, in order.</summary>
        public string Text => string.Join("\n", Cells.Select(c => c.Text));

        /// <summary>Every error, with the first lines of its cell.</summary>
        public string Errors => string.Join("\n", Cells.Where(c => c.Errors.Count > 0)
            .Select(c => $"cell '{c.Source.Split('\n')[0]}': {string.Join("\n", c.Errors)}"));

        public static ExecutedNotebook Read(string path, int exitCode, string log)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var cells = new List<ExecutedCell>();
            foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
            {
                if (cell.GetProperty("cell_type").GetString() != "code") continue;
                var text = new List<string>();
                var errors = new List<string>();
                if (cell.TryGetProperty("outputs", out var outputs))
                    foreach (var output in outputs.EnumerateArray())
                    {
                        string kind = output.GetProperty("output_type").GetString() ?? "";
                        if (kind == "stream") text.Add(Join(output.GetProperty("text")));
                        else if (kind == "error") errors.Add($"{Get(output, "ename")}: {Get(output, "evalue")}");
                        else if (output.TryGetProperty("data", out var data) && data.TryGetProperty("text/plain", out var plain)) text.Add(Join(plain));
                    }
                cells.Add(new ExecutedCell(Join(cell.GetProperty("source")), string.Concat(text), errors));
            }
            return new ExecutedNotebook(exitCode, log, cells);
        }

        private static string Get(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";

        /// <summary>A notebook string: one string, or an array of lines.</summary>
        private static string Join(JsonElement e) =>
            e.ValueKind == JsonValueKind.Array ? string.Concat(e.EnumerateArray().Select(x => x.GetString())) : e.GetString() ?? "";
    }

    /// <summary>One code cell after running.</summary>
    internal sealed record ExecutedCell(string Source, string Text, IReadOnlyList<string> Errors);
}
