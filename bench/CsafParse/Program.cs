using System.Text.Json;

// Parses every *.json file under the folder with System.Text.Json (in parallel, as the import does) and prints the count.
var files = Directory.GetFiles(args[0], "*.json", SearchOption.AllDirectories);
var elements = 0L;
Parallel.ForEach(files, file =>
{
    using var document = JsonDocument.Parse(File.ReadAllBytes(file));
    Interlocked.Add(ref elements, document.RootElement.GetPropertyCount());
});
Console.WriteLine($"{files.Length} files, {elements} top-level members");
