using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Alan.Package.Tests
{
    /// <summary>The output of one dotnet CLI run.</summary>
    internal sealed record CliResult(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"`{Command}` exited with {ExitCode}:\n{Output}";
    }

    /// <summary>
    /// Runs the dotnet CLI as a child process for the package tests. The child gets a clean MSBuild environment (the
    /// test host's MSBuild variables are dropped), no MSBuild node reuse and no shared compiler server, so no process
    /// outlives the command and keeps its output pipes open; NUGET_PACKAGES points at the test's private folder when one is given.
    /// </summary>
    internal sealed class DotnetCli
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
        private readonly string? _packagesFolder;

        /// <param name="packagesFolder">The NuGet global packages folder of the child processes; null keeps the user's.</param>
        public DotnetCli(string? packagesFolder) => _packagesFolder = packagesFolder;

        /// <summary>The dotnet executable running these tests (DOTNET_HOST_PATH under `dotnet test`), else the one on PATH.</summary>
        public static string Executable
        {
            get
            {
                string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
                return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
            }
        }

        /// <summary>`dotnet build`/`pack` arguments that keep every MSBuild and compiler process inside the command.</summary>
        public static readonly string[] SelfContainedBuildFlags = { "-nodeReuse:false", "-p:UseSharedCompilation=false", "-nologo" };

        public CliResult Run(string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            foreach (string name in InheritedMsBuildVariables(start.Environment.Keys)) start.Environment.Remove(name);
            if (_packagesFolder != null) start.Environment["NUGET_PACKAGES"] = _packagesFolder;
            start.Environment.Remove("ALAN_NATIVE_HEAP"); // the consumers report the native heap policy their build chose
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            string command = "dotnet " + string.Join(" ", arguments);
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{command}` in {workingDirectory} did not finish within {Timeout.TotalMinutes} minutes.\n{output}");
            }
            process.WaitForExit(); // drains the redirected output
            lock (output) return new CliResult(command, process.ExitCode, output.ToString());
        }

        /// <summary>
        /// Variables `dotnet test` sets for its own MSBuild (MSBuildSDKsPath, MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...);
        /// a child CLI must resolve its SDK by itself.
        /// </summary>
        private static IEnumerable<string> InheritedMsBuildVariables(IEnumerable<string> names) =>
            names.Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
