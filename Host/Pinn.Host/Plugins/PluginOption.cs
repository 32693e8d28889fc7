using System.Text.Json.Nodes;

namespace Pinn.Host.Plugins;

/// <summary>One option of a plugin, as <c>pinn plugins describe</c> shows it and <c>pinn schema</c> writes it.</summary>
/// <param name="Name">The manifest key (camelCase).</param>
/// <param name="Type">Its JSON type in words: number, whole number, true/false, string, one of …, array of ….</param>
/// <param name="Default">The value when the manifest leaves it out (JSON), or null when it has none.</param>
/// <param name="Allowed">The values it takes, when they are a list (enums, true/false); else null.</param>
/// <param name="Minimum">The smallest value allowed, from a <c>[Range]</c> attribute; else null.</param>
/// <param name="Maximum">The largest value allowed, from a <c>[Range]</c> attribute; else null.</param>
/// <param name="Documentation">The member's XML documentation (which states units and ranges by our convention), or "".</param>
/// <param name="Schema">The JSON Schema of its values.</param>
internal sealed record PluginOption(string Name, string Type, JsonNode? Default, IReadOnlyList<string>? Allowed, double? Minimum, double? Maximum,
                                    string Documentation, JsonObject Schema);
