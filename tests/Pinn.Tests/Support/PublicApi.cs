using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pinn.Tests.Support;

/// <summary>
/// The public surface of an assembly file, read from its metadata without loading it: every public type and every
/// public or protected member of one, with its signature, one line each, sorted.
/// </summary>
internal static class PublicApi
{
    public static IReadOnlyList<string> Of(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var lines = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type)) continue;
            var name = FullName(reader, type);
            lines.Add($"T:{name} {type.Attributes & (TypeAttributes.Interface | TypeAttributes.Abstract | TypeAttributes.Sealed)}");
            foreach (var m in type.GetMethods().Select(reader.GetMethodDefinition).Where(m => Exposed(m.Attributes & MethodAttributes.MemberAccessMask)))
                lines.Add($"M:{name}.{reader.GetString(m.Name)}({Convert.ToHexString(reader.GetBlobBytes(m.Signature))}) {m.Attributes & (MethodAttributes.Static | MethodAttributes.Virtual | MethodAttributes.Abstract)}");
            foreach (var f in type.GetFields().Select(reader.GetFieldDefinition).Where(f => Exposed((MethodAttributes)(f.Attributes & FieldAttributes.FieldAccessMask))))
                lines.Add($"F:{name}.{reader.GetString(f.Name)}({Convert.ToHexString(reader.GetBlobBytes(f.Signature))})");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The number of public types.</summary>
    public static int TypeCount(string assemblyPath) => Of(assemblyPath).Count(l => l.StartsWith("T:", StringComparison.Ordinal));

    private static bool Exposed(MethodAttributes access) => access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public) return true;
        if (visibility is not (TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem)) return false;
        return IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? $"{reader.GetString(type.Namespace)}.{name}" : $"{FullName(reader, reader.GetTypeDefinition(declaring))}+{name}";
    }
}
