using System.Globalization;
using System.Text.Json;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Spectre.Console;

namespace Pinn.Host.Commands.Bench;

/// <summary>What the <c>pinn bench …</c> commands share: refusing arguments, the default runs folder, the manifests'
/// validation, the console table and the JSON file of the rows, and the number formats of the tables.</summary>
internal static class BenchConsole
{
    /// <summary>Prints <paramref name="message"/> on standard error; the exit code of a mistake in the input.</summary>
    public static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.InvalidInput;
    }

    /// <summary>Prints every mistake as <c>bench &lt;command&gt;: …</c>, one a line; the exit code of a mistake in the input.</summary>
    public static int Refuse(string command, IEnumerable<string> mistakes)
    {
        foreach (var mistake in mistakes) Console.Error.WriteLine($"bench {command}: {mistake}");
        return ExitCodes.InvalidInput;
    }

    /// <summary>Each manifest validated against the plugins found from the working folder; null (errors printed) when any is invalid.</summary>
    /// <param name="rewrite">Applied to each manifest's text before it is checked (messages still name the file).</param>
    public static List<(string File, RunPlan Plan)>? ValidatePlans(IEnumerable<string> files, Func<string, string>? rewrite = null)
    {
        var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
        var plans = new List<(string File, RunPlan Plan)>();
        var invalid = false;
        foreach (var file in files)
        {
            try
            {
                plans.Add((file, rewrite is null
                    ? ManifestValidator.Validate(file, catalog, ValidateCommand.CacheDirectory())
                    : ManifestValidator.ValidateText(rewrite(File.ReadAllText(file)), file, catalog, ValidateCommand.CacheDirectory())));
            }
            catch (ManifestException e)
            {
                Console.Error.WriteLine(e.Message);
                invalid = true;
            }
        }
        return invalid ? null : plans;
    }

    /// <summary>Adds the mistake of each output file given (<c>--json</c>, <c>--png</c>): a bench must not train for
    /// minutes and then fail to write its results.</summary>
    public static void CheckOutputFiles(List<string> mistakes, params (string Option, string? File)[] outputs)
        => mistakes.AddRange(outputs.Where(o => o.File is not null).Select(o => OutputFileArgument.Mistake(o.Option, o.File!)).OfType<string>());

    public static void WriteJson<T>(string file, IEnumerable<T> rows)
    {
        var options = ReadableJson.Options();
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(rows, options));
        Console.Out.WriteLine($"wrote {file}");
    }

    public static string E(double? x) => x is { } v ? v.ToString("0.00e+00", CultureInfo.InvariantCulture) : "—";

    public static string F(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);

    /// <summary>The folder the user gave, or <c>runs/bench-&lt;kind&gt;-&lt;timestamp&gt;/</c>.</summary>
    public static string RunsFolder(string? given, string kind)
        => given ?? Path.Combine("runs", $"bench-{kind}-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>Writes <paramref name="table"/> to the console, at least <paramref name="width"/> characters wide when the
    /// output goes to a file (Spectre would fold it to 80).</summary>
    public static void Show(Table table, int width)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, width);
        AnsiConsole.Write(table);
    }
}
