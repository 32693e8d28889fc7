namespace Pinn.Abstractions.Plugins;

/// <summary>A problem with one option of a plugin.</summary>
/// <param name="Field">The option's name as written in the manifest (camelCase), or "" for the whole object.</param>
/// <param name="Message">What is wrong and what is allowed, e.g. "must be &gt; 0".</param>
public sealed record OptionError(string Field, string Message);
