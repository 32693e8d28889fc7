using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Plugins;

namespace Pinn.Host.Plugins;

/// <summary>
/// A plugin's options read from its options record: each member's manifest name, type, default (the record's own,
/// found by reading an empty <c>options</c> object), allowed values, range and documentation.
/// </summary>
internal static class PluginOptions
{
    /// <summary>The options of <paramref name="plugin"/>, in declaration order.</summary>
    public static IReadOnlyList<PluginOption> Of(PluginDescriptor plugin)
    {
        var type = plugin.Factory.OptionsType;
        var defaults = plugin.Factory.ParseOptions(null).Options;
        var documentation = OptionDocumentation.Of(type);
        var result = new List<PluginOption>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
            var name = OptionsBinder.CamelCase(property.Name);
            var value = defaults is null ? null : JsonSerializer.SerializeToNode(property.GetValue(defaults), property.PropertyType, OptionsBinder.SerializerOptions);
            var range = property.GetCustomAttribute<RangeAttribute>() ?? Parameter(type, property.Name)?.GetCustomAttribute<RangeAttribute>();
            var nullable = new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
            var (words, allowed, schema) = Describe(property.PropertyType, nullable);
            double? min = range is null ? null : Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            double? max = range is null ? null : Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            if (min is { } lo && !double.IsInfinity(lo) && lo > double.MinValue) schema["minimum"] = lo;
            if (max is { } hi && !double.IsInfinity(hi) && hi < double.MaxValue) schema["maximum"] = hi;
            var doc = documentation.TryGetValue(property.Name, out var text) ? text : "";
            if (doc.Length > 0) schema["description"] = doc;
            if (value is not null) schema["default"] = value.DeepClone();
            result.Add(new PluginOption(name, words, value, allowed, min, max, doc, schema));
        }
        return result;
    }

    /// <summary>The JSON Schema of the plugin's <c>options</c> object: its members, nothing else.</summary>
    public static JsonObject Schema(PluginDescriptor plugin)
    {
        var properties = new JsonObject();
        foreach (var option in Of(plugin)) properties[option.Name] = option.Schema.DeepClone();
        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
    }

    /// <summary>The primary constructor's parameter a positional record's property comes from (it carries the attributes).</summary>
    private static ParameterInfo? Parameter(Type type, string property)
        => type.GetConstructors().SelectMany(c => c.GetParameters()).FirstOrDefault(p => p.Name == property);

    private static (string Words, IReadOnlyList<string>? Allowed, JsonObject Schema) Describe(Type type, bool nullable)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        (string, IReadOnlyList<string>?, JsonObject) Of(string words, IReadOnlyList<string>? allowed, JsonObject schema)
        {
            if (nullable && schema["type"] is JsonValue t) schema["type"] = new JsonArray(t.GetValue<string>(), "null");
            return (words + (nullable ? " or null" : ""), allowed, schema);
        }
        if (type == typeof(double) || type == typeof(float)) return Of("number", null, new JsonObject { ["type"] = "number" });
        if (type == typeof(int) || type == typeof(long)) return Of("whole number", null, new JsonObject { ["type"] = "integer" });
        if (type == typeof(bool)) return Of("true/false", ["true", "false"], new JsonObject { ["type"] = "boolean" });
        if (type == typeof(string)) return Of("string", null, new JsonObject { ["type"] = "string" });
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)).ToArray();
            var schema = new JsonObject { ["enum"] = new JsonArray(names.Select(n => (JsonNode)n!).ToArray()) };
            if (nullable) ((JsonArray)schema["enum"]!).Add(null);
            return ("string" + (nullable ? " or null" : ""), names, schema);
        }
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0] : null;
        if (element is not null)
        {
            var (words, _, items) = Describe(element, false);
            return Of("array of " + words, null, new JsonObject { ["type"] = "array", ["items"] = items });
        }
        if (type.IsGenericType && type.GetGenericArguments() is [var key, var item] && key == typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var (words, _, values) = Describe(item, false);
            return Of("object of " + words, null, new JsonObject { ["type"] = "object", ["additionalProperties"] = values });
        }
        return Of("object", null, new JsonObject { ["type"] = "object" });
    }
}
