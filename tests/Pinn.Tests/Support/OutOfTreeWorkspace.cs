using System.Diagnostics;
using System.Text;

namespace Pinn.Tests.Support;

/// <summary>
/// An empty folder outside the repository where a test acts as a plugin author: <c>work/</c> is where the author's
/// commands run. The .NET CLI home (templates, NuGet settings) is the workspace's own, so nothing the author installs
/// reaches the machine's; NuGet restores into the workspace's own package folder and reads the machine's cache as a
/// read-only fallback without Pinn's packages, so that this build's artifacts/packages/ is what a restore gets (a
/// package of the same version restored earlier cannot stand in for it).
/// </summary>
internal sealed class OutOfTreeWorkspace : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public OutOfTreeWorkspace()
    {
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Home);
        var cache = _root.Combine("machine-cache");
        Directory.CreateDirectory(cache);
        var machine = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                      ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(machine))
            foreach (var package in Directory.EnumerateDirectories(machine))
                if (!System.IO.Path.GetFileName(package).StartsWith("pinn.", StringComparison.Ordinal))
                    Directory.CreateSymbolicLink(System.IO.Path.Combine(cache, System.IO.Path.GetFileName(package)), package);
        // Above work/, so that the author's own nuget.config in work/ adds to it.
        File.WriteAllText(_root.Combine("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{_root.Combine("packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine-cache" value="{cache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>The author's working folder (empty at first).</summary>
    public string Work => _root.Combine("work");

    private string Home => _root.Combine("home");

    /// <summary>A path below the working folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Work, .. parts]);

    /// <summary>
    /// Runs a bash script in the working folder with <c>PINN</c> set to this checkout and <c>./pinn</c> told not to
    /// rebuild it (the tests run from its build); the exit code and everything it printed.
    /// </summary>
    public (int Code, string Output) Bash(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = Work,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        start.Environment["PINN"] = RepositoryRoot.Path;
        start.Environment["PINN_NO_BUILD"] = "1";
        start.Environment["DOTNET_CLI_HOME"] = Home;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["OMP_WAIT_POLICY"] = "passive";
        start.Environment.Remove("NUGET_PACKAGES");
        start.Environment.Remove("PINN_PLUGIN_PATH");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return (-1, output + $"\n(timed out after {timeout.TotalSeconds:0} s)");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    public void Dispose() => _root.Dispose();
}
