using System.Xml.Linq;

namespace Pinn.Host.Plugins;

/// <summary>
/// The documentation of an options record's members, from the XML documentation file the compiler writes beside the
/// plugin's assembly (<c>&lt;GenerateDocumentationFile&gt;</c>): a property's <c>&lt;summary&gt;</c>, or for a
/// positional record the type's <c>&lt;param&gt;</c> of that name, on the record or a base record it inherits the
/// option from. Absent file or member: no text.
/// </summary>
internal static class OptionDocumentation
{
    /// <summary>The text for each member name (C# spelling) of <paramref name="optionsType"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(Type optionsType)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var location = optionsType.Assembly.Location;
        if (string.IsNullOrEmpty(location)) return result;
        var file = Path.ChangeExtension(location, ".xml");
        if (!File.Exists(file)) return result;
        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            return result;
        }
        // The record and the base records it inherits options from (most derived first), as far as this file documents them.
        var chain = new List<string>();
        for (var t = optionsType; t is not null && t != typeof(object) && t.Assembly == optionsType.Assembly; t = t.BaseType)
            chain.Add(t.FullName!.Replace('+', '.'));
        var members = document.Descendants("member").GroupBy(m => (string?)m.Attribute("name") ?? "", StringComparer.Ordinal)
                              .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var typeName in chain)
        {
            if (members.TryGetValue("T:" + typeName, out var type))
                foreach (var param in type.Elements("param"))
                    if ((string?)param.Attribute("name") is { } p) result.TryAdd(p, Text(param));
            foreach (var (name, member) in members)
                if (name.StartsWith("P:" + typeName + ".", StringComparison.Ordinal) && member.Element("summary") is { } summary)
                    result.TryAdd(name[(typeName.Length + 3)..], Text(summary));
        }
        return result;
    }

    /// <summary>The element's text on one line: <c>&lt;see cref="X"/&gt;</c> and <c>&lt;c&gt;</c> become their names.</summary>
    private static string Text(XElement element)
    {
        var parts = element.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => ((string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? e.Value).Split(':', '.').Last(),
            XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? "",
            XElement e => e.Value,
            _ => "",
        });
        return string.Join(" ", string.Concat(parts).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
