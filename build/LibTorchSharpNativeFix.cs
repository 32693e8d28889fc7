// MSBuild inline task (RoslynCodeTaskFactory, <Code Type="Class">): lets TorchSharp's native wrapper load on
// Linux systems whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12 stops at GLIBCXX_3.4.30).
//
// Why this works: libLibTorchSharp.so of TorchSharp 0.107.0 was linked against GCC 13's libstdc++ and so
// lists GLIBCXX_3.4.32 among its version requirements, but the only symbol bound to that version is
// _ZSt21ios_base_library_initv, a marker GCC 13 emits that has no relocation against it and is never
// called. The dynamic loader rejects a library whose needed versions are missing ("version
// `GLIBCXX_3.4.32' not found"), unless the requirement carries VER_FLG_WEAK in the vna_flags field of its
// Vernaux entry in .gnu.version_r; a missing weak version is tolerated (only `ldd -v` mentions it).
// This task sets that one bit in every copy of the library below a build output folder.
//
// The code compiles against the netstandard reference assemblies RoslynCodeTaskFactory uses, so it avoids
// APIs newer than .NET Standard 2.0.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class LibTorchSharpNativeFix : Task
{
    private const string LibraryName = "libLibTorchSharp.so";
    private const string Version = "GLIBCXX_3.4.32";
    private const uint ShtStrtab = 3;              // SHT_STRTAB
    private const uint ShtGnuVerneed = 0x6ffffffe; // SHT_GNU_verneed, the type of .gnu.version_r
    private const ushort VerFlgWeak = 0x2;         // VER_FLG_WEAK

    /// <summary>The version name as it appears in a string table, NUL included.</summary>
    private static readonly byte[] VersionBytes = Encoding.ASCII.GetBytes(Version + "\0");

    /// <summary>The output folder whose copies of the library are fixed (searched recursively).</summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>Optional: $(NuGetPackageRoot), in case the global packages folder is configured elsewhere.
    /// NUGET_PACKAGES and ~/.nuget/packages are always treated as off limits as well.</summary>
    public string NuGetPackageRoot { get; set; } = "";

    public override bool Execute()
    {
        // Never fails the build: every problem is a warning at worst.
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
        if (string.IsNullOrWhiteSpace(Directory) || !System.IO.Directory.Exists(Directory))
        {
            Low($"{Directory}: no such folder; nothing to do");
            return true;
        }

        var root = RealPath(Directory);
        var packageRoots = PackageRoots();
        foreach (var packages in packageRoots)
        {
            if (IsUnder(root, packages))
            {
                Log.LogWarning($"LibTorchSharpNativeFix: refusing to modify {root}: it is inside the NuGet packages folder {packages}");
                return true;
            }
        }

        var libstdcxx = FindSystemLibStdCxx();
        if (libstdcxx == null)
            Low($"no system libstdc++.so.6 found; assuming it lacks {Version}");
        else if (FileContains(libstdcxx, VersionBytes))
        {
            Low($"{libstdcxx} provides {Version}; nothing to do");
            return true;
        }

        foreach (var file in FindLibraries(root, packageRoots))
        {
            try
            {
                var requirements = FindVersionRequirements(file);
                if (requirements.Count == 0)
                    Low($"{file}: no {Version} requirement; left alone");
                else if (requirements.TrueForAll(r => (r.Flags & VerFlgWeak) != 0))
                    Low($"{file}: {Version} already weak");
                else
                {
                    MarkWeak(file, requirements);
                    Low($"{file}: marked the {Version} requirement weak (VER_FLG_WEAK)");
                }
            }
            catch (Exception e)
            {
                // Malformed ELF (InvalidDataException), I/O or permission trouble: warn, never throw.
                Log.LogWarning($"LibTorchSharpNativeFix: {file}: {e.Message}");
            }
        }
        return true;
    }

    private void Low(string message) => Log.LogMessage(MessageImportance.Low, "LibTorchSharpNativeFix: " + message);

    // ---------------------------------------------------------------------------------------------------
    // Which files: every libLibTorchSharp.so below the folder, never anything inside a NuGet packages folder.
    // ---------------------------------------------------------------------------------------------------

    /// <summary>The NuGet global packages folders to keep away from, symlinks resolved.</summary>
    private List<string> PackageRoots()
    {
        var roots = new List<string>();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = new[]
        {
            NuGetPackageRoot,
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "packages"),
        };
        foreach (var candidate in candidates)
            if (!string.IsNullOrWhiteSpace(candidate)) roots.Add(RealPath(candidate));
        return roots;
    }

    /// <summary>Walks the folder; does not follow symlinked folders, skips NuGet packages folders.</summary>
    private IEnumerable<string> FindLibraries(string root, List<string> packageRoots)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] files, folders;
            try
            {
                files = System.IO.Directory.GetFiles(folder, LibraryName);
                folders = System.IO.Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogWarning($"LibTorchSharpNativeFix: cannot list {folder}: {e.Message}");
                continue;
            }
            foreach (var file in files) yield return file;
            foreach (var sub in folders)
            {
                FileAttributes attributes;
                try { attributes = File.GetAttributes(sub); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { continue; } // vanished
                if ((attributes & FileAttributes.ReparsePoint) != 0) continue; // a symlink
                var real = RealPath(sub);
                if (packageRoots.Exists(p => IsUnder(real, p))) continue;
                pending.Push(sub);
            }
        }
    }

    private static bool IsUnder(string path, string folder)
    {
        folder = folder.TrimEnd('/'); // "/" becomes "", under which every absolute path lies
        return path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath(string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    /// <summary>realpath(3) when the path exists, else the plain full path; no trailing slash.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var resolved = NativeRealPath(full, IntPtr.Zero); // NULL buffer: libc allocates the result
            if (resolved != IntPtr.Zero)
            {
                try { full = Marshal.PtrToStringAnsi(resolved) ?? full; }
                finally { NativeFree(resolved); }
            }
        }
        catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
        {
            // No libc realpath (unusual): keep the lexical full path.
        }
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    // ---------------------------------------------------------------------------------------------------
    // Whether the fix is needed: does the libstdc++ the loader would pick already define GLIBCXX_3.4.32?
    // ---------------------------------------------------------------------------------------------------

    private static string FindSystemLibStdCxx()
    {
        foreach (var candidate in LibStdCxxCandidates())
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>The loader cache first (what dlopen uses), then the usual folders, this architecture's first.</summary>
    private static IEnumerable<string> LibStdCxxCandidates()
    {
        var arch = RuntimeInformation.ProcessArchitecture;
        // How `ldconfig -p` tags the architecture: "libstdc++.so.6 (libc6,x86-64) => /path".
        var tag = arch == Architecture.X64 ? "x86-64" : arch == Architecture.Arm64 ? "AArch64" : null;
        foreach (var line in LdconfigCache())
        {
            var text = line.Trim();
            if (!text.StartsWith("libstdc++.so.6 ", StringComparison.Ordinal)) continue;
            var arrow = text.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0) continue;
            var tags = text.Substring(0, arrow);
            if (tag != null && tags.IndexOf(tag, StringComparison.Ordinal) < 0) continue;
            yield return text.Substring(arrow + 2).Trim();
        }
        var triplet = arch == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        var folders = new[]
        {
            "/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            "/usr/local/lib64", "/usr/local/lib",
        };
        foreach (var folder in folders) yield return folder + "/libstdc++.so.6";
    }

    /// <summary>The lines of `ldconfig -p`, or nothing when ldconfig is unavailable or hangs.</summary>
    private static IEnumerable<string> LdconfigCache()
    {
        foreach (var exe in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            if (exe.StartsWith("/", StringComparison.Ordinal) && !File.Exists(exe)) continue;
            string output = null;
            try
            {
                var start = new ProcessStartInfo(exe, "-p")
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    CreateNoWindow = true,
                };
                using (var process = Process.Start(start))
                {
                    if (process == null) continue;
                    var reading = process.StandardOutput.ReadToEndAsync();
                    process.StandardError.ReadToEndAsync(); // drained so the child never blocks on it
                    if (!process.WaitForExit(5000) || !reading.Wait(1000))
                    {
                        try { process.Kill(); } catch (InvalidOperationException) { }
                        continue;
                    }
                    if (process.ExitCode == 0) output = reading.Result;
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is IOException || e is InvalidOperationException)
            {
                continue;
            }
            if (output != null) return output.Split('\n');
        }
        return new string[0];
    }

    private static bool FileContains(string path, byte[] needle)
    {
        byte[] haystack;
        try { haystack = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return false; }
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack[i] != needle[0]) continue;
            var j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------
    // The ELF side: find the Vernaux entries named GLIBCXX_3.4.32 and set their weak bit.
    // ---------------------------------------------------------------------------------------------------

    /// <summary>One Vernaux entry naming the version: where its vna_flags field sits in the file, and its value.</summary>
    private struct Requirement
    {
        public long FlagsOffset;
        public ushort Flags;
    }

    /// <summary>Parses an ELF64 little-endian file; throws InvalidDataException when it is malformed.</summary>
    private static List<Requirement> FindVersionRequirements(string path)
    {
        var found = new List<Requirement>();
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            // Elf64_Ehdr, 64 bytes. e_ident[0..3] = 0x7f 'E' 'L' 'F', e_ident[4] = EI_CLASS (2: ELFCLASS64),
            // e_ident[5] = EI_DATA (1: ELFDATA2LSB). Further fields used here:
            //   e_shoff u64 @ 0x28 (file offset of the section header table),
            //   e_shentsize u16 @ 0x3A, e_shnum u16 @ 0x3C.
            var header = ReadAt(file, 0, 64);
            if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F')
                throw Malformed("not an ELF file");
            if (header[4] != 2 || header[5] != 1)
                throw Malformed("not a 64-bit little-endian ELF file");
            var sectionTable = U64(header, 0x28);
            var entrySize = U16(header, 0x3A);
            ulong sectionCount = U16(header, 0x3C);
            if (sectionTable == 0) throw Malformed("no section header table");
            if (entrySize < 64) throw Malformed($"section header size {entrySize} < 64");
            // More than 0xff00 sections: e_shnum is 0 and the count sits in sh_size of section header 0.
            if (sectionCount == 0) sectionCount = U64(ReadAt(file, sectionTable, 64), 0x20);
            if (sectionCount > (ulong)file.Length / entrySize) throw Malformed("section header table past the end of the file");
            var sections = ReadAt(file, sectionTable, sectionCount * entrySize);

            // Elf64_Shdr, 64 bytes: sh_name u32 @ 0x00, sh_type u32 @ 0x04, sh_flags u64 @ 0x08, sh_addr u64 @ 0x10,
            // sh_offset u64 @ 0x18, sh_size u64 @ 0x20, sh_link u32 @ 0x28, sh_info u32 @ 0x2C, ...
            // For SHT_GNU_verneed, sh_link is the index of the string table holding the names (.dynstr) and
            // sh_info the number of Verneed entries.
            for (ulong i = 0; i < sectionCount; i++)
            {
                var at = (long)(i * entrySize);
                if (U32(sections, at + 0x04) != ShtGnuVerneed) continue;
                var offset = U64(sections, at + 0x18);
                var size = U64(sections, at + 0x20);
                var link = U32(sections, at + 0x28);
                var needCount = U32(sections, at + 0x2C);
                if (link >= sectionCount) throw Malformed($".gnu.version_r links to section {link} of {sectionCount}");
                var linked = (long)link * entrySize;
                if (U32(sections, linked + 0x04) != ShtStrtab) throw Malformed(".gnu.version_r does not link to a string table");
                var strings = ReadAt(file, U64(sections, linked + 0x18), U64(sections, linked + 0x20));
                var needs = ReadAt(file, offset, size);
                WalkVerneed(needs, (long)offset, needCount, strings, found);
            }
        }
        return found;
    }

    /// <summary>Walks the Verneed chain and each entry's Vernaux chain, collecting entries named Version.</summary>
    private static void WalkVerneed(byte[] needs, long sectionOffset, uint needCount, byte[] strings, List<Requirement> found)
    {
        // Elf64_Verneed, 16 bytes, one per needed library:
        //   vn_version u16 @ 0 (1), vn_cnt u16 @ 2 (number of Vernaux entries), vn_file u32 @ 4 (name, string table offset),
        //   vn_aux u32 @ 8 (first Vernaux, offset from this Verneed), vn_next u32 @ 12 (next Verneed, offset from this one; 0 = last).
        // Elf64_Vernaux, 16 bytes, one per needed version of that library:
        //   vna_hash u32 @ 0, vna_flags u16 @ 4 (VER_FLG_WEAK lives here), vna_other u16 @ 6 (the version index
        //   .gnu.version uses for symbols of this version), vna_name u32 @ 8 (string table offset),
        //   vna_next u32 @ 12 (next Vernaux, offset from this one; 0 = last).
        // Offsets only move forward (unsigned), and every step is bounds-checked, so the walk terminates.
        var limit = needCount != 0 ? needCount : (uint)(needs.Length / 16);
        long need = 0;
        for (uint n = 0; n < limit; n++)
        {
            Require(needs, need, 16, "Verneed");
            if (U16(needs, need) != 1) throw Malformed($"Verneed at 0x{sectionOffset + need:x} has version {U16(needs, need)}");
            var auxCount = U16(needs, need + 2);
            var aux = need + U32(needs, need + 8);
            for (var k = 0; k < auxCount; k++)
            {
                Require(needs, aux, 16, "Vernaux");
                if (NameEquals(strings, U32(needs, aux + 8), VersionBytes))
                    found.Add(new Requirement { FlagsOffset = sectionOffset + aux + 4, Flags = U16(needs, aux + 4) });
                var nextAux = U32(needs, aux + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            var next = U32(needs, need + 12);
            if (next == 0) break;
            need += next;
        }
    }

    /// <summary>Whether the NUL-terminated string at offset in the string table equals name (which ends in NUL).</summary>
    private static bool NameEquals(byte[] strings, uint offset, byte[] name)
    {
        if (offset >= strings.Length) throw Malformed($"version name offset {offset} outside the string table");
        for (var i = 0; i < name.Length; i++)
        {
            if (offset + i >= strings.Length) throw Malformed("unterminated version name");
            if (strings[offset + i] != name[i]) return false;
        }
        return true;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK in each requirement's vna_flags, writing just those two bytes per entry through a FileStream.
    /// The bytes go into a copy next to the file, which then replaces it by rename: an output file can be a hard or
    /// symbolic link into the NuGet cache (CreateHardLinksForCopyLocalIfPossible and friends), and writing through
    /// such a link would modify the cache. Mode bits come along with File.Copy; the timestamps are restored so the
    /// SDK's incremental Copy (same size and time = unchanged) keeps the patched file on the next build instead of
    /// copying the package's original over it again.
    /// </summary>
    private static void MarkWeak(string path, List<Requirement> requirements)
    {
        // Timestamps of the content, not of a symlink to it (File.GetLastWriteTimeUtc does not follow links).
        var content = RealPath(path);
        var lastWrite = File.GetLastWriteTimeUtc(content);
        var lastAccess = File.GetLastAccessTimeUtc(content);
        var folder = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.Copy(path, temporary, false);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                foreach (var requirement in requirements)
                {
                    var flags = ReadAt(stream, requirement.FlagsOffset, 2);
                    if (U16(flags, 0) != requirement.Flags) throw new IOException("the file changed while being patched");
                    var updated = (ushort)(requirement.Flags | VerFlgWeak);
                    stream.Position = requirement.FlagsOffset;
                    stream.Write(new[] { (byte)(updated & 0xff), (byte)(updated >> 8) }, 0, 2); // little-endian u16
                }
                stream.Flush(true);
            }
            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.SetLastAccessTimeUtc(temporary, lastAccess);
            File.Replace(temporary, path, null); // rename(2) over the original
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Bounds-checked little-endian reads.
    // ---------------------------------------------------------------------------------------------------

    private static InvalidDataException Malformed(string why) => new InvalidDataException("malformed ELF: " + why);

    private static byte[] ReadAt(FileStream file, ulong offset, ulong count) => ReadAt(file, (long)Math.Min(offset, long.MaxValue), count);

    private static byte[] ReadAt(FileStream file, long offset, ulong count)
    {
        if (offset < 0 || count > int.MaxValue || (ulong)offset + count > (ulong)file.Length)
            throw Malformed($"{count} bytes at 0x{offset:x} lie outside the file ({file.Length} bytes)");
        var buffer = new byte[count];
        file.Position = offset;
        var read = 0;
        while (read < buffer.Length)
        {
            var n = file.Read(buffer, read, buffer.Length - read);
            if (n == 0) throw Malformed("unexpected end of file");
            read += n;
        }
        return buffer;
    }

    private static void Require(byte[] bytes, long offset, int length, string what)
    {
        if (offset < 0 || offset + length > bytes.Length)
            throw Malformed($"{what} at 0x{offset:x} into its section runs past the section end");
    }

    private static ushort U16(byte[] b, long o)
    {
        Require(b, o, 2, "field");
        return (ushort)(b[o] | b[o + 1] << 8);
    }

    private static uint U32(byte[] b, long o)
    {
        Require(b, o, 4, "field");
        return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    }

    private static ulong U64(byte[] b, long o)
    {
        Require(b, o, 8, "field");
        return U32(b, o) | (ulong)U32(b, o + 4) << 32;
    }
}
