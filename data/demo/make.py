# Writes reports.jsonl from the reports below. The reports are SYNTHETIC: written for sitrep's demo, describing
# invented events at real places. Run: python3 data/demo/make.py
import json, os
R = []
def r(id, published, source, title, text):
    R.append({"id": id, "published": published, "url": f"https://{source}.example/{published.replace('-', '/')}/{id}", "title": title, "text": " ".join(text.split())})

r("ng-maiduguri-clash", "2024-03-04", "sahel-wire", "Troops repel insurgent raid near Maiduguri",
  """Maiduguri: Nigerian troops repelled an attack by ISWAP fighters on a military base in Konduga on Sunday, the army said.
  Eight insurgents and two soldiers were killed in the fighting, which lasted several hours, according to a military spokesman.
  Residents said gunfire could be heard in the outskirts of Maiduguri until dawn.""")
r("ng-maiduguri-clash-b", "2024-03-05", "lake-chad-monitor", "Two soldiers killed as army beats back ISWAP attack in Konduga",
  """Two Nigerian soldiers died when ISWAP militants stormed a base in Konduga, Borno State, on March 3, security sources told reporters.
  The army said at least ten attackers were killed. A local official said the assault began shortly after midnight.""")
r("ng-kaduna-abduction", "2024-03-09", "sahel-wire", "Gunmen abduct villagers in Kaduna State",
  """Kaduna: Armed men abducted at least 15 villagers from Kuriga in Kaduna State on Thursday, police said.
  The gunmen arrived on motorcycles and fired into the air before taking the victims into the forest.
  Police said a search operation was under way.""")
r("ng-lagos-protest", "2024-02-19", "lagos-desk", "Traders march in Lagos over rising food prices",
  """Lagos: Hundreds of traders marched through Ikeja on Monday to protest against rising food prices, carrying placards and singing.
  The protest ended peacefully outside the state assembly, where organisers handed over a petition.""")
r("ng-lagos-protest-syndicated", "2024-02-19", "west-africa-today", "Traders march in Lagos over rising food prices",
  """Lagos: Hundreds of traders marched through Ikeja on Monday to protest against rising food prices, carrying placards and singing.
  The protest ended peacefully outside the state assembly, where organisers handed over a petition.
  Similar protests were planned in other cities later in the week.""")
r("ml-gao-ied", "2024-03-12", "sahel-wire", "Roadside bomb hits army convoy near Gao",
  """Gao: A roadside bomb struck a Malian army convoy near Gao on Monday, killing three soldiers and wounding five, military sources said.
  No group claimed the attack, but JNIM fighters are active in the area.""")
r("ml-menaka-drone", "2024-04-02", "sahel-wire", "Drone strike hits militant camp in Menaka region",
  """Bamako: The Malian armed forces said a drone strike on Saturday destroyed a camp of Islamic State Sahel fighters near Menaka.
  The army said about twenty militants were killed, a figure that could not be independently verified.""")
r("bf-djibo-attack", "2024-03-18", "sahel-wire", "Civilians killed in attack on village near Djibo",
  """Ouagadougou: Gunmen killed at least 12 civilians in an attack on a village near Djibo in northern Burkina Faso on Friday, local sources said.
  Survivors said the attackers burned granaries and stole livestock before leaving.""")
r("bf-ouaga-arrests", "2024-04-15", "sahel-wire", "Burkina police arrest activists in Ouagadougou",
  """Ouagadougou: Police arrested four members of a civil society group in Ouagadougou on Saturday after they called for a protest, their lawyer said.
  The authorities gave no reason for the arrests.""")
r("so-mogadishu-suicide", "2024-03-15", "horn-observer", "Suicide bomber kills five at Mogadishu checkpoint",
  """Mogadishu: A suicide bomber blew himself up at a checkpoint near the presidential palace in Mogadishu on Thursday, killing five people, police said.
  Al-Shabaab said it carried out the attack. Ambulances took at least ten wounded people to hospital.""")
r("so-mogadishu-suicide-b", "2024-03-16", "east-africa-post", "Al-Shabaab claims Mogadishu checkpoint bombing",
  """Al-Shabaab has claimed a suicide bombing at a checkpoint in Mogadishu on March 14 that killed seven people, according to a medical official.
  Police said the bomber approached the checkpoint on foot.""")
r("so-lower-shabelle", "2024-04-08", "horn-observer", "Somali forces retake town from al-Shabaab",
  """Mogadishu: Somali government forces recaptured the town of Sabiid in Lower Shabelle from al-Shabaab on Sunday after heavy fighting, officials said.
  A commander said four soldiers were killed and the militants withdrew towards the river.""")
r("sd-khartoum-shelling", "2024-03-21", "nile-bulletin", "Shelling kills civilians in Omdurman market",
  """Khartoum: Artillery shells fired by the Rapid Support Forces hit a market in Omdurman on Wednesday, killing nine civilians, a doctors' group said.
  The army and the RSF have fought for control of the capital for almost a year.""")
r("sd-el-fasher-clash", "2024-04-20", "nile-bulletin", "Fighting erupts around El Fasher",
  """El Fasher: Clashes broke out between the Sudanese army and the Rapid Support Forces on the eastern edge of El Fasher on Friday, residents said.
  Aid workers said at least 14 people were killed and hundreds of families fled towards the town centre.""")
r("cd-goma-shelling", "2024-02-28", "great-lakes-news", "Shells land near displacement camp outside Goma",
  """Goma: Shells fired during fighting between the Congolese army and M23 rebels landed near a displacement camp west of Goma on Tuesday, killing two children, aid groups said.
  The army accused the rebels of firing the shells.""")
r("cd-ituri-attack", "2024-03-26", "great-lakes-news", "ADF fighters kill villagers in Ituri",
  """Bunia: Fighters of the Allied Democratic Forces killed 18 villagers with machetes and guns in an attack in Irumu territory in Ituri province on Sunday night, a local leader said.
  The army said it had sent troops to the area.""")
r("et-gondar-clash", "2024-04-11", "horn-observer", "Fano militia and army clash near Gondar",
  """Addis Ababa: Ethiopian federal troops clashed with Fano militiamen near Gondar in the Amhara region on Tuesday, residents said.
  Casualty figures were not available. Internet access in the region remained cut.""")
r("ke-nairobi-protest", "2024-05-07", "east-africa-post", "Police fire tear gas at Nairobi protest",
  """Nairobi: Police fired tear gas to disperse several hundred protesters in central Nairobi on Tuesday who were demonstrating against a proposed tax increase, witnesses said.
  Several people were detained and later released.""")
r("ke-nairobi-protest-b", "2024-05-08", "nairobi-evening", "Tax protest broken up in Nairobi",
  """Riot police broke up a protest against new taxes in Nairobi's business district on May 7, using tear gas and water cannon, protesters said.
  Organisers said more demonstrations would follow.""")
r("mz-cabo-delgado", "2024-03-02", "indian-ocean-report", "Insurgents overrun town in Cabo Delgado",
  """Pemba: Islamic State-linked insurgents seized the town of Quissanga in Cabo Delgado province on Thursday after government troops withdrew, local sources said.
  Residents fled to neighbouring districts.""")
r("sy-idlib-airstrike", "2024-03-07", "levant-dispatch", "Air strikes hit Idlib countryside",
  """Idlib: Air strikes by Syrian government forces hit a village south of Idlib on Wednesday, killing four civilians, rescue workers said.
  Rescue teams pulled two children from the rubble.""")
r("sy-deir-ezzor-ied", "2024-04-04", "levant-dispatch", "Bomb kills SDF fighters in Deir ez-Zor",
  """Deir ez-Zor: A bomb planted on a road killed three fighters of the Syrian Democratic Forces in the countryside east of Deir ez-Zor on Tuesday, a monitoring group said.
  The SDF blamed Islamic State cells for the attack.""")
r("iq-kirkuk-arrests", "2024-03-28", "levant-dispatch", "Iraqi forces arrest Islamic State suspects near Kirkuk",
  """Kirkuk: Iraqi security forces arrested five suspected Islamic State members in raids south of Kirkuk on Wednesday, the interior ministry said.
  Weapons and explosives were seized in the operation.""")
r("ye-taiz-shelling", "2024-04-18", "arabia-monitor", "Houthi shelling hits residential area in Taiz",
  """Taiz: Shelling by Houthi forces hit a residential neighbourhood in Taiz on Wednesday, killing a woman and wounding three children, local officials said.
  The Houthis did not comment on the report.""")
r("ye-marib-clash", "2024-05-02", "arabia-monitor", "Clashes flare on Marib front",
  """Marib: Houthi fighters and government forces clashed in the Raghwan district of Marib governorate on Tuesday, military sources said.
  Six fighters were killed on both sides, they said.""")
r("ua-kharkiv-missile", "2024-05-13", "black-sea-news", "Missile strike hits Kharkiv",
  """Kharkiv: A Russian missile strike hit an industrial area of Kharkiv on Sunday, killing two people and injuring eleven, the regional governor said.
  Fires broke out in several warehouses.""")
r("ua-kharkiv-missile-b", "2024-05-13", "kyiv-morning", "Two killed in Kharkiv strike",
  """Two people were killed and at least nine injured when Russian missiles struck Kharkiv on May 12, emergency services said.
  Firefighters worked through the night.""")
r("ua-donetsk-clash", "2024-04-24", "black-sea-news", "Heavy fighting near Chasiv Yar",
  """Kramatorsk: Ukrainian and Russian forces fought heavy battles near Chasiv Yar in Donetsk region on Tuesday, the Ukrainian military said.
  It said several assaults had been repelled.""")
r("mm-rakhine-clash", "2024-03-14", "irrawaddy-wire", "Arakan Army seizes border post",
  """Sittwe: Fighters of the Arakan Army captured a military post near Paletwa on Monday after days of fighting with the Myanmar army, the group said.
  Dozens of soldiers were reported to have surrendered.""")
r("mm-sagaing-airstrike", "2024-04-22", "irrawaddy-wire", "Junta air strike hits village in Sagaing",
  """Monywa: A Myanmar military air strike hit a village in Sagaing region on Saturday, killing seven civilians including two children, residents said.
  The military said it targeted a resistance camp.""")
r("pk-peshawar-grenade", "2024-03-19", "indus-times", "Grenade attack on police station in Peshawar",
  """Peshawar: Attackers threw a grenade at a police station in Peshawar on Monday night, injuring two policemen, officials said.
  No group claimed responsibility.""")
r("af-kabul-protest", "2024-04-03", "indus-times", "Women stage protest in Kabul",
  """Kabul: A small group of women protested in Kabul on Tuesday demanding the right to work, before Taliban fighters dispersed them by firing into the air, witnesses said.
  No injuries were reported.""")
r("bd-dhaka-riot", "2024-04-29", "bengal-courier", "Garment workers clash with police in Dhaka",
  """Dhaka: Garment workers demanding unpaid wages threw stones at police and set fire to a bus in the Ashulia industrial area on Sunday, police said.
  Police used tear gas and rubber bullets, and about twenty people were injured.""")
r("ph-mindanao-clash", "2024-03-23", "manila-ledger", "Soldiers clash with militants in Maguindanao del Sur",
  """Cotabato: Philippine soldiers clashed with a group of Dawlah Islamiyah fighters in Maguindanao del Sur province on Friday, killing three of them, the army said.
  One soldier was wounded.""")
r("co-cauca-attack", "2024-04-09", "andes-report", "Dissident fighters attack police post in Cauca",
  """Popayan: Dissident FARC fighters attacked a police post in Jamundi with explosives and rifles on Monday, killing one police officer, officials said.
  The army deployed reinforcements to the area.""")
r("mx-sinaloa-clash", "2024-05-10", "norte-news", "Gunfight in Culiacan leaves six dead",
  """Culiacan: Six people were killed in a gunfight between members of rival cartel factions in Culiacan on Thursday, state prosecutors said.
  Schools in the area were closed the next day.""")
r("ht-port-au-prince", "2024-03-11", "caribbean-wire", "Gangs attack police station in Port-au-Prince",
  """Port-au-Prince: Armed gangs attacked a police station in the centre of Port-au-Prince on Sunday and set it on fire, police unions said.
  Two police officers were killed in the attack.""")
r("ly-tripoli-agreement", "2024-04-26", "maghreb-dispatch", "Rival armed groups agree ceasefire in Tripoli",
  """Tripoli: Two rival armed groups agreed a ceasefire in Tripoli on Thursday after mediation by local elders, the city council said.
  The agreement followed clashes earlier in the week.""")
r("cm-bamenda-ied", "2024-05-05", "central-africa-daily", "Explosive device hits army vehicle in Bamenda",
  """Bamenda: An improvised explosive device hit an army vehicle in Bamenda in Cameroon's North West region on Saturday, wounding four soldiers, a military source said.
  Separatist fighters were suspected.""")
r("ne-tillaberi-attack", "2024-03-30", "sahel-wire", "Attack on market in Tillaberi region",
  """Niamey: Gunmen on motorbikes attacked a weekly market in the Tillaberi region of Niger on Friday, killing at least 9 civilians, a local official said.
  The attackers also looted shops.""")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reports.jsonl")
with open(out, "w") as f:
    for x in R:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
print(len(R), "reports")
