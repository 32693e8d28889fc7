using System.Text.Json;

namespace Pinn.Abstractions.Plugins;

/// <summary>
/// The contract every exported plugin factory implements. Use one of the typed bases
/// (<c>OptimizerFactory&lt;TOptions&gt;</c>, …) rather than implementing it directly.
/// </summary>
public interface IPluginFactory
{
    /// <summary>What the factory makes.</summary>
    PluginKind Kind { get; }

    /// <summary>The record the manifest's <c>options</c> object is read into.</summary>
    Type OptionsType { get; }

    /// <summary>
    /// Reads and validates the manifest's <c>options</c> (null when absent). Unknown keys, values of
    /// the wrong type and out-of-range values are all reported; the options are null when any is.
    /// </summary>
    OptionsResult ParseOptions(JsonElement? options);
}

/// <summary>Options read from a manifest, or the reasons they could not be.</summary>
/// <param name="Options">The options record, or null when there are errors.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record OptionsResult(object? Options, IReadOnlyList<OptionError> Errors);
