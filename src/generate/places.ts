/**
 * The countries of the synthetic world: where accounts live, how their addresses, postcodes and
 * phone numbers are written, which currency they pay in. Spellings stay within what a careful
 * address canonicaliser can reconcile (case, punctuation, whitespace, common English and French
 * street-type abbreviations); each country's street names are built from stems and types so the
 * address space is large enough to give every address slot its own street address.
 */
export type CountryCode = 'GB' | 'US' | 'DE' | 'FR' | 'NL' | 'ES' | 'IT' | 'PL';

export interface City {
  name: string;
  /** Country-specific postcode material: GB outward areas, US state + zip prefix, numeric prefix elsewhere. */
  code: string;
  state?: string;
}

export interface Country {
  code: CountryCode;
  /** Share of accounts living there. */
  weight: number;
  currency: string;
  /** E.164 country calling code, without '+'. */
  dialCode: string;
  cities: readonly City[];
  streetStems: readonly string[];
  streetTypes: readonly string[];
  /** How stem and type combine into a street name. */
  streetStyle: 'stem-type' | 'type-stem' | 'glued';
}

const EN_STEMS = [
  'High', 'Station', 'Church', 'Mill', 'Park', 'Victoria', 'Albert', "Queen's", "King's", 'Green',
  'Manor', 'Grove', 'Chapel', 'School', 'North', 'South', 'West', 'East', 'New', 'Springfield',
  'Windsor', 'York', 'Richmond', 'Elm', 'Oak', 'Ash', 'Beech', 'Cedar', 'Willow', 'Meadow',
  'Orchard', 'Riverside', 'Bridge', 'Castle', 'Market', 'Mount', 'Hill', 'Forest', 'Garden', 'Maple',
];
const US_STEMS = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park',
  'Sunset', 'Lincoln', 'Jefferson', 'Madison', 'Franklin', 'Highland', 'Jackson', 'Ridge', 'Walnut', 'Chestnut',
  'Spring', 'Church', 'Center', 'River', 'Meadow', 'Forest', 'Willow', 'Mill', 'Valley', 'Adams',
  'Cherry', 'Hickory', 'Birch', 'Dogwood', 'Magnolia', 'Laurel', 'Sycamore', 'Aspen', 'Prospect', 'Union',
];

export const COUNTRIES: readonly Country[] = [
  {
    code: 'GB', weight: 0.4, currency: 'GBP', dialCode: '44', streetStyle: 'stem-type',
    cities: [
      { name: 'London', code: 'SW' }, { name: 'Manchester', code: 'M' }, { name: 'Birmingham', code: 'B' },
      { name: 'Leeds', code: 'LS' }, { name: 'Glasgow', code: 'G' }, { name: 'Bristol', code: 'BS' },
      { name: 'Liverpool', code: 'L' }, { name: 'Edinburgh', code: 'EH' },
    ],
    streetStems: EN_STEMS,
    streetTypes: ['Street', 'Road', 'Lane', 'Avenue', 'Drive', 'Close'],
  },
  {
    code: 'US', weight: 0.15, currency: 'USD', dialCode: '1', streetStyle: 'stem-type',
    cities: [
      { name: 'New York', code: '100', state: 'NY' }, { name: 'Los Angeles', code: '900', state: 'CA' },
      { name: 'Chicago', code: '606', state: 'IL' }, { name: 'Houston', code: '770', state: 'TX' },
      { name: 'Phoenix', code: '850', state: 'AZ' }, { name: 'Philadelphia', code: '191', state: 'PA' },
      { name: 'San Diego', code: '921', state: 'CA' }, { name: 'Seattle', code: '981', state: 'WA' },
    ],
    streetStems: US_STEMS,
    streetTypes: ['Street', 'Avenue', 'Road', 'Drive', 'Lane', 'Place'],
  },
  {
    code: 'DE', weight: 0.1, currency: 'EUR', dialCode: '49', streetStyle: 'glued',
    cities: [
      { name: 'Berlin', code: '10' }, { name: 'Hamburg', code: '20' }, { name: 'München', code: '80' },
      { name: 'Köln', code: '50' }, { name: 'Frankfurt am Main', code: '60' }, { name: 'Stuttgart', code: '70' },
      { name: 'Düsseldorf', code: '40' }, { name: 'Leipzig', code: '04' },
    ],
    streetStems: [
      'Haupt', 'Bahnhof', 'Schul', 'Garten', 'Dorf', 'Linden', 'Kirch', 'Berg', 'Wald', 'Feld',
      'Mühlen', 'Wiesen', 'Birken', 'Eichen', 'Buchen', 'Tannen', 'Rosen', 'Sonnen', 'Mozart', 'Goethe',
      'Schiller', 'Beethoven', 'Bismarck', 'Friedrich', 'Kant', 'Park', 'Markt', 'Burg', 'Brunnen', 'Post',
      'Blumen', 'Fichten', 'Amsel', 'Finken', 'Lerchen', 'Kastanien', 'Ahorn', 'Industrie', 'Neu', 'Hafen',
    ],
    streetTypes: ['strasse', 'weg', 'allee', 'platz', 'ring', 'gasse'],
  },
  {
    code: 'FR', weight: 0.1, currency: 'EUR', dialCode: '33', streetStyle: 'type-stem',
    cities: [
      { name: 'Paris', code: '75' }, { name: 'Lyon', code: '69' }, { name: 'Marseille', code: '13' },
      { name: 'Toulouse', code: '31' }, { name: 'Nice', code: '06' }, { name: 'Nantes', code: '44' },
      { name: 'Strasbourg', code: '67' }, { name: 'Bordeaux', code: '33' },
    ],
    streetStems: [
      'de la République', 'Victor Hugo', 'Jean Jaurès', 'de la Paix', 'du Général de Gaulle', 'Pasteur', "de l'Église",
      'des Lilas', 'du Moulin', 'de la Gare', 'Voltaire', 'Émile Zola', 'des Écoles', 'du Château', 'de Verdun',
      'Gambetta', 'Carnot', 'Foch', 'de la Mairie', 'des Roses', 'du Marché', 'Saint-Michel', 'de Paris',
      'des Acacias', 'du Stade', 'de la Fontaine', 'des Tilleuls', 'du Port', 'de Lorraine', 'Molière',
      'Jules Ferry', 'de Bretagne', 'des Vignes', 'du Parc', 'de la Liberté', 'des Peupliers', 'Lamartine',
      'Pierre Curie', 'de Provence', 'du Lac',
    ],
    streetTypes: ['rue', 'avenue', 'boulevard', 'place', 'impasse', 'allée'],
  },
  {
    code: 'NL', weight: 0.06, currency: 'EUR', dialCode: '31', streetStyle: 'glued',
    cities: [
      { name: 'Amsterdam', code: '10' }, { name: 'Rotterdam', code: '30' }, { name: 'Den Haag', code: '25' },
      { name: 'Utrecht', code: '35' }, { name: 'Eindhoven', code: '56' }, { name: 'Groningen', code: '97' },
      { name: 'Tilburg', code: '50' }, { name: 'Almere', code: '13' },
    ],
    streetStems: [
      'Kerk', 'Dorps', 'School', 'Molen', 'Stations', 'Markt', 'Beatrix', 'Juliana', 'Wilhelmina', 'Oranje',
      'Nassau', 'Linden', 'Eiken', 'Beuken', 'Berken', 'Tulp', 'Rozen', 'Zee', 'Haven', 'Park',
      'Veld', 'Bos', 'Hoog', 'Nieuwe', 'Oude', 'Vondel', 'Rembrandt', 'Vermeer', 'Spinoza', 'Erasmus',
      'Hof', 'Brug', 'Kanaal', 'Dijk', 'Wester', 'Ooster', 'Noorder', 'Zuider', 'Meer', 'Sport',
    ],
    streetTypes: ['straat', 'weg', 'laan', 'plein', 'gracht', 'kade'],
  },
  {
    code: 'ES', weight: 0.07, currency: 'EUR', dialCode: '34', streetStyle: 'type-stem',
    cities: [
      { name: 'Madrid', code: '28' }, { name: 'Barcelona', code: '08' }, { name: 'Valencia', code: '46' },
      { name: 'Sevilla', code: '41' }, { name: 'Zaragoza', code: '50' }, { name: 'Málaga', code: '29' },
      { name: 'Murcia', code: '30' }, { name: 'Bilbao', code: '48' },
    ],
    streetStems: [
      'Mayor', 'Real', 'de Alcalá', 'Gran Vía', 'del Sol', 'de la Paz', 'San Juan', 'Santa María', 'de Goya', 'Serrano',
      'de Velázquez', 'del Carmen', 'de Cervantes', 'Nueva', 'del Prado', 'de la Constitución', 'del Mar', 'de Colón',
      'San Vicente', 'de Andalucía', 'de la Rosa', 'del Pilar', 'de Toledo', 'de Valencia', 'del Río', 'de la Iglesia',
      'de la Luna', 'del Olivo', 'de los Reyes', 'de Castilla', 'de Aragón', 'de Murillo', 'Hernán Cortés', 'de Sevilla',
      'de las Flores', 'del Parque', 'de la Estación', 'Larga', 'Ancha', 'del Pozo',
    ],
    streetTypes: ['Calle', 'Avenida', 'Plaza', 'Paseo'],
  },
  {
    code: 'IT', weight: 0.07, currency: 'EUR', dialCode: '39', streetStyle: 'type-stem',
    cities: [
      { name: 'Roma', code: '00' }, { name: 'Milano', code: '20' }, { name: 'Napoli', code: '80' },
      { name: 'Torino', code: '10' }, { name: 'Palermo', code: '90' }, { name: 'Genova', code: '16' },
      { name: 'Bologna', code: '40' }, { name: 'Firenze', code: '50' },
    ],
    streetStems: [
      'Roma', 'Garibaldi', 'Mazzini', 'Cavour', 'Dante', 'Verdi', 'Vittorio Emanuele', 'Marconi', 'XX Settembre',
      'Matteotti', 'della Repubblica', 'Umberto I', 'Gramsci', 'San Francesco', 'della Libertà', 'dei Mille',
      'Manzoni', 'Leopardi', 'Carducci', 'Santa Maria', 'del Popolo', 'Nazionale', 'dei Fiori', 'del Mare',
      'delle Rose', 'Colombo', 'Galilei', 'Volta', 'Pascoli', 'Montello', 'Trieste', 'Trento', 'Milano',
      'Napoli', 'Torino', 'del Corso', 'della Pace', 'degli Ulivi', 'dei Pini', 'del Sole',
    ],
    streetTypes: ['Via', 'Viale', 'Piazza', 'Corso', 'Vicolo'],
  },
  {
    code: 'PL', weight: 0.05, currency: 'PLN', dialCode: '48', streetStyle: 'type-stem',
    cities: [
      { name: 'Warszawa', code: '0' }, { name: 'Kraków', code: '3' }, { name: 'Łódź', code: '9' },
      { name: 'Wrocław', code: '5' }, { name: 'Poznań', code: '6' }, { name: 'Gdańsk', code: '8' },
      { name: 'Szczecin', code: '7' }, { name: 'Lublin', code: '2' },
    ],
    streetStems: [
      'Marszałkowska', 'Długa', 'Krótka', 'Polna', 'Leśna', 'Słoneczna', 'Ogrodowa', 'Lipowa', 'Szkolna', 'Kościelna',
      'Mickiewicza', 'Słowackiego', 'Kościuszki', 'Piłsudskiego', 'Sienkiewicza', 'Kopernika', 'Chopina', 'Jana Pawła II',
      'Wojska Polskiego', 'Kwiatowa', 'Brzozowa', 'Parkowa', 'Łąkowa', 'Zielona', 'Spacerowa', 'Młyńska', 'Klonowa',
      'Wiejska', 'Nowa', 'Stawowa', 'Sportowa', 'Graniczna', 'Akacjowa', 'Jesionowa', 'Wrzosowa', 'Górna', 'Dolna',
      'Piaskowa', 'Rzeczna', 'Słowicza',
    ],
    streetTypes: ['ul.', 'al.'],
  },
];

export const COUNTRY_WEIGHTS: readonly number[] = COUNTRIES.map((c) => c.weight);

export function countryIndex(code: CountryCode): number {
  return COUNTRIES.findIndex((c) => c.code === code);
}
