using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Pinn.Abstractions.Plugins;

/// <summary>
/// Reads a plugin's options record from a manifest's JSON object: camelCase keys, unknown keys and
/// ill-typed values reported one by one together with the record's own validation of the other fields.
/// </summary>
public static class OptionsBinder
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The serializer settings options records are read with.</summary>
    public static JsonSerializerOptions SerializerOptions => Json;

    /// <summary>
    /// Reads <paramref name="json"/> into <paramref name="optionsType"/> and reports every mistake at once:
    /// unknown keys and ill-typed values are dropped (their defaults apply), the remaining keys are bound and the
    /// record's <see cref="IValidatableOptions.Validate"/> runs on them, so that range errors of the other fields
    /// are reported too. A field with a type error gets no range error besides. Options are null when any error exists.
    /// </summary>
    public static OptionsResult Bind(Type optionsType, JsonElement? json)
    {
        var element = json is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } j
            ? j
            : JsonDocument.Parse("{}").RootElement;
        if (element.ValueKind != JsonValueKind.Object)
            return new OptionsResult(null, [new OptionError("", "must be a JSON object")]);

        var members = OptionMembers(optionsType);
        var errors = new List<OptionError>();
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            if (!members.TryGetValue(property.Name, out var memberType))
            {
                if (!rejected.Add(property.Name)) continue; // a duplicate key: the manifest reader reports it
                var allowed = members.Count == 0 ? "this plugin takes no options" : "allowed: " + string.Join(", ", members.Keys.Order());
                errors.Add(new OptionError(property.Name, $"unknown option ({allowed})"));
                continue;
            }
            try
            {
                JsonSerializer.Deserialize(property.Value, memberType, Json);
                accepted[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
            {
                if (rejected.Add(property.Name)) errors.Add(new OptionError(property.Name, $"must be {Describe(memberType)}"));
            }
        }
        // A key written twice with one good and one bad value counts as bad.
        foreach (var name in rejected) accepted.Remove(name);

        object? options;
        try
        {
            options = accepted.Deserialize(optionsType, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            errors.Add(new OptionError(e is JsonException { Path: { } path } ? path.TrimStart('$', '.') : "", e.Message));
            return new OptionsResult(null, errors);
        }
        if (options is IValidatableOptions validatable)
        {
            errors.AddRange(validatable.Validate()
                                       .Select(e => e with { Field = CamelCase(e.Field) })
                                       .Where(e => !rejected.Contains(e.Field)));
        }
        return errors.Count > 0 ? new OptionsResult(null, errors) : new OptionsResult(options, []);
    }

    /// <summary>The manifest names (camelCase) of an options type's members with their types.</summary>
    public static IReadOnlyDictionary<string, Type> OptionMembers(Type optionsType)
    {
        var result = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var p in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            result[CamelCase(p.Name)] = p.PropertyType;
        }
        return result;
    }

    /// <summary>The manifest spelling of a C# member name: <c>Lr</c> → <c>lr</c>.</summary>
    public static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Describe(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(double) || t == typeof(float)) return "a number";
        if (t == typeof(int) || t == typeof(long)) return "a whole number";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(string)) return "a string";
        if (t.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(t).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
        if (t.IsArray || (t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t)))
            return "an array";
        return "an object of type " + t.Name;
    }
}
