package org.htscreen.samples;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Plausible given names and surnames by nationality, for names on payments and passenger names. */
final class Names {

    private static final List<String> GREEK_GIVEN = List.of("Andreas", "Maria", "Georgios", "Eleni", "Christos",
            "Andri", "Nikos", "Despo", "Panayiotis", "Katerina", "Marios", "Sofia", "Kyriakos", "Christina",
            "Stelios", "Ioanna", "Michalis", "Anna", "Costas", "Elena", "Loukas", "Myria", "Savvas", "Chrystalla");
    private static final List<String> GREEK_FAMILY = List.of("Georgiou", "Christodoulou", "Ioannou",
            "Constantinou", "Charalambous", "Demetriou", "Nicolaou", "Papadopoulos", "Kyriakou", "Savva",
            "Panayiotou", "Michael", "Antoniou", "Neophytou", "Hadjipetrou", "Louca", "Stylianou", "Efstathiou",
            "Pavlou", "Theodorou", "Zacharia", "Kleanthous");

    private static final Map<String, List<List<String>>> BY_COUNTRY = Map.ofEntries(
            Map.entry("PH", List.of(List.of("Maricel", "Jocelyn", "Analyn", "Rowena", "Liza", "Grace", "Joy"),
                    List.of("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva"))),
            Map.entry("LK", List.of(List.of("Nirmala", "Kumari", "Dilani", "Chamari", "Sanduni", "Ruwan"),
                    List.of("Perera", "Fernando", "Silva", "Jayasinghe", "Wickramasinghe", "Bandara"))),
            Map.entry("NP", List.of(List.of("Sita", "Binod", "Ram", "Kamala", "Hari", "Gita", "Suman", "Dipak"),
                    List.of("Gurung", "Thapa", "Shrestha", "Tamang", "Rai", "Magar", "Karki", "Limbu"))),
            Map.entry("VN", List.of(List.of("Lan", "Hoa", "Mai", "Thu", "Huong"),
                    List.of("Nguyen", "Tran", "Le", "Pham", "Hoang"))),
            Map.entry("IN", List.of(List.of("Rahul", "Priya", "Amit", "Harpreet", "Gurpreet", "Sunil", "Manpreet"),
                    List.of("Singh", "Kumar", "Sharma", "Patel", "Kaur", "Gill", "Sandhu"))),
            Map.entry("PK", List.of(List.of("Imran", "Bilal", "Usman", "Asif", "Kamran"),
                    List.of("Khan", "Ahmed", "Iqbal", "Hussain", "Malik"))),
            Map.entry("BD", List.of(List.of("Rahim", "Karim", "Shahid", "Jamal", "Nasir"),
                    List.of("Hossain", "Rahman", "Islam", "Uddin", "Chowdhury"))),
            Map.entry("NG", List.of(List.of("Chinedu", "Ngozi", "Emeka", "Blessing", "Tunde"),
                    List.of("Okafor", "Adeyemi", "Eze", "Nwosu", "Balogun"))),
            Map.entry("RO", List.of(List.of("Ioana", "Andreea", "Elena", "Mihaela", "Alina", "Cristina"),
                    List.of("Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu", "Rusu"))),
            Map.entry("BG", List.of(List.of("Desislava", "Ivelina", "Petya", "Galina", "Yana"),
                    List.of("Petrova", "Ivanova", "Dimitrova", "Georgieva", "Koleva"))),
            Map.entry("PT", List.of(List.of("Ana", "Sofia", "Beatriz", "Catarina", "Joana", "Ines"),
                    List.of("Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira"))),
            Map.entry("LV", List.of(List.of("Liga", "Ilze", "Santa", "Kristine", "Laura"),
                    List.of("Ozola", "Berzina", "Kalnina", "Liepina", "Jansone"))),
            Map.entry("SY", List.of(List.of("Ahmad", "Omar", "Khaled", "Rami", "Yousef", "Hassan", "Samer"),
                    List.of("Al-Hassan", "Haddad", "Khalil", "Darwish", "Sabbagh", "Najjar", "Halabi"))),
            Map.entry("LB", List.of(List.of("Georges", "Fadi", "Ziad", "Karim", "Nabil"),
                    List.of("Khoury", "Haddad", "Nassar", "Saad", "Aoun"))),
            Map.entry("EG", List.of(List.of("Mahmoud", "Mostafa", "Ayman", "Tarek"),
                    List.of("Hassan", "Mahmoud", "Ibrahim", "Farouk"))),
            Map.entry("AF", List.of(List.of("Ahmad", "Farid", "Najib", "Hamid"),
                    List.of("Rahimi", "Karimi", "Ahmadi", "Haidari"))),
            Map.entry("TR", List.of(List.of("Mehmet", "Mustafa", "Emre", "Murat"),
                    List.of("Yilmaz", "Kaya", "Demir", "Sahin"))));

    private Names() {
    }

    /** "Given Family" for a nationality (Greek names for CY, GR and any nationality without its own list). */
    static String person(Random r, String nationality) {
        return given(r, nationality) + " " + family(r, nationality);
    }

    static String given(Random r, String nationality) {
        List<List<String>> n = BY_COUNTRY.get(nationality);
        return pick(r, n == null ? GREEK_GIVEN : n.get(0));
    }

    static String family(Random r, String nationality) {
        List<List<String>> n = BY_COUNTRY.get(nationality);
        return pick(r, n == null ? GREEK_FAMILY : n.get(1));
    }

    /** Card-scheme passenger form {@code SURNAME/GIVEN}. */
    static String passenger(String family, String given) {
        return family.toUpperCase(java.util.Locale.ROOT) + "/" + given.toUpperCase(java.util.Locale.ROOT);
    }

    static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
