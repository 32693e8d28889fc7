using System.Text.Json;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;

namespace Pinn.Tests.Support;

/// <summary>Problems of the benchmark suite built the way the host builds them: by name and options JSON from the plugin catalog.</summary>
internal static class SuiteProblems
{
    /// <summary>The problem <paramref name="name"/> with <paramref name="optionsJson"/> (null: defaults).</summary>
    public static IProblem Create(HostFixture host, string name, string? optionsJson, string cacheDirectory)
    {
        var descriptor = host.Catalog.Find(PluginKind.Problem, name).Single();
        using var document = optionsJson is null ? null : JsonDocument.Parse(optionsJson);
        var parsed = descriptor.Factory.ParseOptions(document?.RootElement.Clone());
        if (parsed.Errors.Count > 0) throw new ArgumentException(string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return ((IProblemFactory)descriptor.Factory).Create(parsed.Options!, new ProblemContext(TensorSpec.Float64Cpu, cacheDirectory));
    }

    /// <summary>The option errors of <paramref name="optionsJson"/> for problem <paramref name="name"/>.</summary>
    public static IReadOnlyList<OptionError> Errors(HostFixture host, string name, string optionsJson)
    {
        var descriptor = host.Catalog.Find(PluginKind.Problem, name).Single();
        using var document = JsonDocument.Parse(optionsJson);
        return descriptor.Factory.ParseOptions(document.RootElement.Clone()).Errors;
    }
}
