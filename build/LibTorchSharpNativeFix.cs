// MSBuild inline task (RoslynCodeTaskFactory): makes TorchSharp's native wrapper load on systems whose
// libstdc++ lacks GLIBCXX_3.4.32 (Debian 12 stops at 3.4.30).
//
// libLibTorchSharp.so of TorchSharp 0.107.0 needs GLIBCXX_3.4.32 for one symbol only,
// _ZSt21ios_base_library_initv, a marker GCC 13 emits and nothing calls. The dynamic loader refuses a
// library whose required symbol versions are missing, unless the requirement is flagged weak
// (VER_FLG_WEAK in the vna_flags of its Vernaux entry in .gnu.version_r): then it only warns in debug
// output. This task sets that flag in every copy of the library below a build output folder.
using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class LibTorchSharpNativeFix : Task
{
    private const string LibraryName = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const uint ShtGnuVerneed = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort VerFlgWeak = 0x2;         // VER_FLG_WEAK

    /// <summary>The output folder to fix (searched recursively).</summary>
    [Required]
    public string Directory { get; set; } = "";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
        if (!System.IO.Directory.Exists(Directory)) return true;
        var full = Path.GetFullPath(Directory);
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (full.StartsWith(Path.GetFullPath(nugetRoot), StringComparison.Ordinal))
        {
            Log.LogWarning($"LibTorchSharpNativeFix: refusing to touch the NuGet cache ({full})");
            return true;
        }
        if (SystemHasVersion())
        {
            Log.LogMessage(MessageImportance.Low, $"LibTorchSharpNativeFix: the system libstdc++ provides {MissingVersion}; nothing to do");
            return true;
        }
        foreach (var file in System.IO.Directory.EnumerateFiles(full, LibraryName, SearchOption.AllDirectories))
        {
            try
            {
                var result = MarkWeak(file);
                Log.LogMessage(MessageImportance.Low, $"LibTorchSharpNativeFix: {file}: {result}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
            {
                Log.LogWarning($"LibTorchSharpNativeFix: {file}: {e.Message}");
            }
        }
        return true;
    }

    /// <summary>Whether a libstdc++.so.6 on the usual library paths defines the version.</summary>
    private static bool SystemHasVersion()
    {
        string[] folders =
        [
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib", "/usr/local/lib64",
        ];
        var needle = Encoding.ASCII.GetBytes(MissingVersion + "\0");
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, "libstdc++.so.6");
            if (!File.Exists(path)) continue;
            var bytes = File.ReadAllBytes(path);
            if (IndexOf(bytes, needle) >= 0) return true;
        }
        return false;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack[i] != needle[0]) continue;
            var match = true;
            for (var j = 1; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return i;
        }
        return -1;
    }

    /// <summary>Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 requirement; writes two bytes, only when needed.</summary>
    private static string MarkWeak(string path)
    {
        var elf = File.ReadAllBytes(path);
        // ELF64 little-endian header: e_ident[EI_CLASS] = 2 (64-bit), e_ident[EI_DATA] = 1 (little-endian).
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file");
        var sectionHeaders = (long)U64(elf, 0x28);  // e_shoff
        var entrySize = U16(elf, 0x3A);              // e_shentsize
        var count = U16(elf, 0x3C);                  // e_shnum
        for (var i = 0; i < count; i++)
        {
            var header = sectionHeaders + (long)i * entrySize;
            Check(elf, header, 64);
            if (U32(elf, header + 4) != ShtGnuVerneed) continue;              // sh_type
            var verneed = (long)U64(elf, header + 0x18);                       // sh_offset
            var stringSection = sectionHeaders + (long)U32(elf, header + 0x28) * entrySize; // sh_link → .dynstr
            Check(elf, stringSection, 64);
            var strings = (long)U64(elf, stringSection + 0x18);
            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            for (var need = verneed; ;)
            {
                Check(elf, need, 16);
                var auxCount = U16(elf, need + 2);
                var aux = need + U32(elf, need + 8);
                // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                for (var k = 0; k < auxCount; k++)
                {
                    Check(elf, aux, 16);
                    if (CString(elf, strings + U32(elf, aux + 8)) == MissingVersion)
                    {
                        var flags = U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return "already weak";
                        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
                        stream.Position = aux + 4;
                        var updated = (ushort)(flags | VerFlgWeak);
                        stream.Write([(byte)(updated & 0xff), (byte)(updated >> 8)], 0, 2);
                        return "marked GLIBCXX_3.4.32 weak";
                    }
                    var nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                var next = U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return "no GLIBCXX_3.4.32 requirement";
    }

    private static void Check(byte[] b, long offset, int length)
    {
        if (offset < 0 || offset + length > b.Length) throw new InvalidDataException($"malformed ELF: offset {offset} out of range");
    }

    private static ushort U16(byte[] b, long o) { Check(b, o, 2); return BitConverter.ToUInt16(b, (int)o); }

    private static uint U32(byte[] b, long o) { Check(b, o, 4); return BitConverter.ToUInt32(b, (int)o); }

    private static ulong U64(byte[] b, long o) { Check(b, o, 8); return BitConverter.ToUInt64(b, (int)o); }

    private static string CString(byte[] b, long o)
    {
        Check(b, o, 1);
        var end = (int)o;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)o, end - (int)o);
    }
}
