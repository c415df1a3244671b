namespace Castellan.Core.Common;

/// <summary>Reading a file a user names: it must exist, and its size is checked before a byte is read.</summary>
public static class InputFiles
{
    public static async Task<byte[]> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"{path}: no such file");
        }

        if (info.Length > maxBytes)
        {
            throw new InputException($"{path}: file is {info.Length / (1024 * 1024)} MB, more than the {maxBytes / (1024 * 1024)} MB allowed");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }
}
